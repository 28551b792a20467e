package io.lastmile.platform.security;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles auth seeds and the permissions each carries, in one place: auth seeds them from here,
 * the role matrix tests mint tokens from here. An administrator may change or add roles later; a
 * module checks permissions only and never what a role means.
 */
public final class SeededRoles {

    /** The largest correction a seeded cashier may post, in the account's currency. */
    public static final BigDecimal CASHIER_CORRECTION_LIMIT = new BigDecimal("5000.00");

    /** Each seeded role and its permissions, in a fixed order. */
    public static final Map<String, List<String>> PERMISSIONS = table();

    private static Map<String, List<String>> table() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put(Roles.ADMIN, List.of(Permissions.ALL));
        roles.put(
                Roles.CASHIER,
                List.of(
                        Permissions.ACCOUNTS_READ,
                        Permissions.LEDGER_READ,
                        Permissions.PAYMENTS_WRITE,
                        Permissions.LEDGER_CORRECT,
                        Permissions.FISCAL_READ));
        roles.put(
                Roles.SUPPORT,
                List.of(
                        Permissions.ACCOUNTS_READ,
                        Permissions.ACCOUNTS_BLOCK,
                        Permissions.SUBSCRIPTIONS_READ,
                        Permissions.LEDGER_READ,
                        Permissions.TICKETS_READ,
                        Permissions.TICKETS_WRITE,
                        Permissions.PROVISIONING_READ));
        roles.put(
                Roles.NOC,
                List.of(
                        Permissions.MONITORING_READ,
                        Permissions.MONITORING_WRITE,
                        Permissions.COLLECTOR_READ,
                        Permissions.COLLECTOR_WRITE,
                        Permissions.SERVERS_READ));
        roles.put(
                Roles.READ_ONLY,
                Permissions.NAMED.stream()
                        .filter(p -> p.endsWith(".read") && !p.equals(Permissions.AUDIT_READ))
                        .toList());
        roles.put(Roles.SERVICE, List.of(Permissions.ALL));
        roles.put(Roles.SUBSCRIBER, List.of(Permissions.SELF));
        return Collections.unmodifiableMap(roles);
    }

    /** The permissions of a seeded role; empty for a role auth does not seed. */
    public static List<String> permissions(String role) {
        return PERMISSIONS.getOrDefault(role, List.of());
    }

    /** The union of the permissions of `roles`, as a token of someone holding them all carries. */
    public static List<String> permissions(List<String> roles) {
        Set<String> all = new LinkedHashSet<>();
        roles.forEach(role -> all.addAll(permissions(role)));
        return List.copyOf(all);
    }

    /** The correction limit a seeded role's tokens carry, when it has one. */
    public static Optional<BigDecimal> correctionLimit(String role) {
        return Roles.CASHIER.equals(role) ? Optional.of(CASHIER_CORRECTION_LIMIT) : Optional.empty();
    }

    /** `permissions` with `*` expanded to every named permission. */
    public static Set<String> expand(List<String> permissions) {
        Set<String> held = new LinkedHashSet<>();
        for (String permission : permissions) {
            if (Permissions.ALL.equals(permission)) {
                held.addAll(Permissions.NAMED);
            } else {
                held.add(permission);
            }
        }
        return held;
    }

    private SeededRoles() {}
}
