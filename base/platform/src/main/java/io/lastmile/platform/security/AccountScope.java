package io.lastmile.platform.security;

import io.lastmile.platform.web.NotFoundException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Keeps a subscriber to their own account. A caller is scoped when its token has the role
 * `subscriber`, names an account ({@link Permissions#ACCOUNT_CLAIM}) or holds no permission but
 * {@link Permissions#SELF}; a scoped caller reaches only the account its token names, and any
 * other account answers 404, exactly as an account that does not exist, so that existence is not
 * leaked. Operators and services, let in by their permissions, are not scoped.
 */
public final class AccountScope {

    public static boolean isScoped(Authentication caller) {
        if (caller == null) {
            return false;
        }
        Set<String> permissions = Callers.permissions(caller);
        return Callers.hasRole(caller, Roles.SUBSCRIBER)
                || Callers.claim(caller, Permissions.ACCOUNT_CLAIM) != null
                || (permissions.contains(Permissions.SELF) && permissions.size() == 1);
    }

    /** The account a token names, when it names one that is a number. */
    public static Optional<Long> accountOf(Authentication caller) {
        Object claim = Callers.claim(caller, Permissions.ACCOUNT_CLAIM);
        if (claim instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (claim instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether `caller` may reach account `accountId`: always when not scoped. */
    public static boolean allows(Authentication caller, long accountId) {
        return !isScoped(caller)
                || accountOf(caller).filter(own -> own == accountId).isPresent();
    }

    /** Lets the current caller reach account `accountId`, or answers 404 "no account with id N". */
    public static void require(long accountId) {
        require(accountId, () -> "no account with id " + accountId);
    }

    /**
     * Lets the current caller reach something of account `accountId`, or answers 404 with the
     * message `notFound` the handler gives for a thing that does not exist.
     */
    public static void require(long accountId, Supplier<String> notFound) {
        if (!allows(SecurityContextHolder.getContext().getAuthentication(), accountId)) {
            throw new NotFoundException(notFound.get());
        }
    }

    private AccountScope() {}
}
