package io.lastmile.platform.security;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The caller's token lacks what an operation needs; answered as a 403 problem saying what. */
public class PermissionDeniedException extends RuntimeException {

    private final List<String> required;
    private final Map<String, Object> properties;

    public PermissionDeniedException(String detail, List<String> required) {
        this(detail, required, Map.of());
    }

    /** With `properties` added to the problem detail (e.g. the limit that was passed). */
    public PermissionDeniedException(String detail, List<String> required, Map<String, Object> properties) {
        super(detail);
        this.required = List.copyOf(required);
        this.properties = Map.copyOf(properties);
    }

    /**
     * Refuses a correction of `amount` (either sign) when it exceeds the caller's `limit`, the
     * {@link Permissions#CORRECTION_LIMIT_CLAIM} of its token.
     */
    public static PermissionDeniedException aboveCorrectionLimit(BigDecimal amount, BigDecimal limit) {
        return new PermissionDeniedException(
                "a correction of " + amount.abs().toPlainString() + " is above your correction limit of "
                        + limit.toPlainString() + "; an operator with a higher limit must post it",
                List.of(),
                Map.of("limit", limit.toPlainString()));
    }

    /** A caller without any of `required`. */
    public static PermissionDeniedException missing(List<String> required) {
        return new PermissionDeniedException(
                "this operation needs "
                        + (required.size() == 1 ? "the permission " : "one of the permissions ")
                        + String.join(", ", required)
                        + "; ask an administrator to add it to one of your roles",
                required);
    }

    /** The permissions any one of which would have let the caller in; empty when none would. */
    public List<String> required() {
        return required;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
