package io.lastmile.auth.role;

import io.lastmile.platform.security.Permissions;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a token says its subject may do: role names, the union of their permissions ({@code *}
 * alone when any role has it) and the correction limit.
 *
 * <p>The limit is the smallest among the roles that grant ledger corrections ({@code
 * ledger.correct} or {@code *}); it is absent when one of those roles has no limit, and when no
 * role grants corrections at all.
 */
public record Grants(List<String> roles, List<String> permissions, Optional<BigDecimal> correctionLimit) {

    public static Grants of(Collection<Role> roles) {
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> permissions = new TreeSet<>();
        BigDecimal limit = null;
        boolean unlimited = false;
        for (Role role : roles) {
            names.add(role.name());
            permissions.addAll(role.permissions());
            if (grantsCorrections(role)) {
                if (role.correctionLimit() == null) {
                    unlimited = true;
                } else if (limit == null || role.correctionLimit().compareTo(limit) < 0) {
                    limit = role.correctionLimit();
                }
            }
        }
        List<String> granted =
                permissions.contains(Permissions.ALL) ? List.of(Permissions.ALL) : List.copyOf(permissions);
        return new Grants(List.copyOf(names), granted, unlimited ? Optional.empty() : Optional.ofNullable(limit));
    }

    private static boolean grantsCorrections(Role role) {
        return role.permissions().contains(Permissions.ALL)
                || role.permissions().contains(Permissions.LEDGER_CORRECT);
    }
}
