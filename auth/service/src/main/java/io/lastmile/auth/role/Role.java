package io.lastmile.auth.role;

import java.math.BigDecimal;
import java.util.List;

/**
 * A role: what an operator holding it may do.
 *
 * @param permissions names from platform's Permissions, or {@code *} for all
 * @param correctionLimit the largest ledger correction the role may post; null is no limit
 */
public record Role(String name, String description, List<String> permissions, BigDecimal correctionLimit) {

    public Role {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        description = description == null ? "" : description;
    }
}
