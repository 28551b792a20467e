package io.lastmile.fiscal.receipt.atol;

import java.util.Set;

/**
 * ATOL Online's error codes ({@code error.code} in an answer) sorted by what the client does with
 * them. Everything not listed here is permanent: the receipt fails and keeps the error.
 */
final class AtolErrors {

    /** The token is missing, unknown or expired: get a new one and send again (once). */
    static final Set<Integer> TOKEN = Set.of(11, 12, 13);

    /** A document with this external_id exists already: its uuid comes back and is polled. */
    static final Set<Integer> DUPLICATE = Set.of(10, 33);

    /** ATOL's own temporary trouble (queue, service unavailable): try again later. */
    static final Set<Integer> TEMPORARY = Set.of(14, 40, 41);

    static boolean token(Integer code, int httpStatus) {
        return httpStatus == 401 || (code != null && TOKEN.contains(code));
    }

    static boolean duplicate(Integer code) {
        return code != null && DUPLICATE.contains(code);
    }

    static boolean temporary(Integer code, int httpStatus) {
        return httpStatus >= 500 || httpStatus == 429 || (code != null && TEMPORARY.contains(code));
    }

    private AtolErrors() {}
}
