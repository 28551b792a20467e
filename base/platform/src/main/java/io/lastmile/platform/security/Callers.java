package io.lastmile.platform.security;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** What the authenticated caller of a request may do, read from its token. */
public final class Callers {

    private static final String PERM = "PERM_";

    /** The permissions the caller holds (`*` already expanded), empty without a caller. */
    public static Set<String> permissions(Authentication caller) {
        if (caller == null) {
            return Set.of();
        }
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(PERM))
                .map(a -> a.substring(PERM.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static boolean has(Authentication caller, String permission) {
        return permissions(caller).contains(permission);
    }

    public static boolean hasRole(Authentication caller, String role) {
        String authority = "ROLE_" + role.toUpperCase(Locale.ROOT);
        return caller != null && caller.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    /**
     * The largest correction the caller may post, when its token limits it ({@link
     * Permissions#CORRECTION_LIMIT_CLAIM}); empty means no limit. A limit that is not a decimal
     * number is taken as zero: a broken token never grants more.
     */
    public static Optional<BigDecimal> correctionLimit(Authentication caller) {
        Object claim = claim(caller, Permissions.CORRECTION_LIMIT_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(claim.toString().trim()));
        } catch (NumberFormatException e) {
            return Optional.of(BigDecimal.ZERO);
        }
    }

    static Object claim(Authentication caller, String name) {
        return caller instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaims().get(name)
                : null;
    }

    private Callers() {}
}
