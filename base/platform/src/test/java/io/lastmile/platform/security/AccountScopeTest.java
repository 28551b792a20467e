package io.lastmile.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.platform.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

class AccountScopeTest {

    private final JwtRolesConverter converter = new JwtRolesConverter();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void letsASubscriberReachOnlyTheAccountItsTokenNames() {
        Authentication subscriber = subscriber(42L);

        assertThat(AccountScope.isScoped(subscriber)).isTrue();
        assertThat(AccountScope.allows(subscriber, 42)).isTrue();
        assertThat(AccountScope.allows(subscriber, 43)).isFalse();
    }

    @Test
    void answersAnotherAccountAsNotFoundWithTheUsualMessage() {
        SecurityContextHolder.getContext().setAuthentication(subscriber(42L));

        AccountScope.require(42);
        assertThatThrownBy(() -> AccountScope.require(43))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no account with id 43");
        assertThatThrownBy(() -> AccountScope.require(43, () -> "user service 7 does not exist"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("user service 7 does not exist");
    }

    @Test
    void takesAnAccountIdGivenAsAString() {
        assertThat(AccountScope.allows(subscriber("42"), 42)).isTrue();
        assertThat(AccountScope.allows(subscriber("42"), 1)).isFalse();
    }

    @Test
    void scopesATokenThatHoldsOnlySelfEvenWithoutAnAccount() {
        Authentication selfOnly = converter.convert(JwtRolesConverterTest.jwt(List.of(), List.of(Permissions.SELF)));

        assertThat(AccountScope.isScoped(selfOnly)).isTrue();
        assertThat(AccountScope.allows(selfOnly, 1)).isFalse();
    }

    @Test
    void leavesOperatorsAndServicesUnscoped() {
        Authentication admin =
                converter.convert(JwtRolesConverterTest.jwt(List.of(Roles.ADMIN), List.of(Permissions.ALL)));
        Authentication support = converter.convert(
                JwtRolesConverterTest.jwt(List.of(Roles.SUPPORT), SeededRoles.permissions(Roles.SUPPORT)));

        assertThat(AccountScope.isScoped(admin)).isFalse();
        assertThat(AccountScope.allows(admin, 43)).isTrue();
        assertThat(AccountScope.allows(support, 43)).isTrue();
    }

    @Test
    void scopesASubscriberWhateverElseItsTokenClaims() {
        Authentication greedy = converter.convert(Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("s")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .claim(Roles.CLAIM, List.of(Roles.SUBSCRIBER))
                .claim(Permissions.CLAIM, List.of(Permissions.ALL))
                .claim(Permissions.ACCOUNT_CLAIM, 42L)
                .build());

        assertThat(AccountScope.allows(greedy, 43)).isFalse();
    }

    private Authentication subscriber(Object accountId) {
        return converter.convert(Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("subscriber")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .claim(Roles.CLAIM, List.of(Roles.SUBSCRIBER))
                .claim(Permissions.CLAIM, List.of(Permissions.SELF))
                .claim(Permissions.ACCOUNT_CLAIM, accountId)
                .build());
    }
}
