package io.lastmile.platform.security;

import java.util.List;

/** The caller's token lacks what an operation needs; answered as a 403 problem saying what. */
public class PermissionDeniedException extends RuntimeException {

    private final List<String> required;

    public PermissionDeniedException(String detail, List<String> required) {
        super(detail);
        this.required = List.copyOf(required);
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
}
