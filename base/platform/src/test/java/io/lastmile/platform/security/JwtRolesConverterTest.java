package io.lastmile.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtRolesConverterTest {

    private final JwtRolesConverter converter = new JwtRolesConverter();

    @Test
    void grantsEachListedPermissionAndKeepsTheRoles() {
        Authentication caller = converter.convert(
                jwt(List.of("cashier"), List.of(Permissions.ACCOUNTS_READ, Permissions.LEDGER_CORRECT)));

        assertThat(authorities(caller))
                .containsExactlyInAnyOrder("ROLE_CASHIER", "PERM_accounts.read", "PERM_ledger.correct");
        assertThat(Callers.permissions(caller))
                .containsExactlyInAnyOrder(Permissions.ACCOUNTS_READ, Permissions.LEDGER_CORRECT);
    }

    @Test
    void expandsTheWildcardToEveryNamedPermission() {
        Authentication caller = converter.convert(jwt(List.of("service"), List.of(Permissions.ALL)));

        assertThat(Callers.permissions(caller)).containsAll(Permissions.NAMED);
        assertThat(authorities(caller)).contains("ROLE_SERVICE", "PERM_" + Permissions.MODULES_ADMIN);
    }

    @Test
    void grantsNoPermissionForRolesAlone() {
        // a token of the old kind (roles only): the role admin no longer opens anything by itself
        Authentication caller = converter.convert(jwt(List.of("admin"), null));

        assertThat(Callers.permissions(caller)).isEmpty();
        assertThat(authorities(caller)).containsExactly("ROLE_ADMIN");
    }

    private static Set<String> authorities(Authentication caller) {
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
    }

    static Jwt jwt(List<String> roles, List<String> permissions) {
        Jwt.Builder jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .claim(Roles.CLAIM, roles);
        if (permissions != null) {
            jwt.claim(Permissions.CLAIM, permissions);
        }
        return jwt.build();
    }
}
