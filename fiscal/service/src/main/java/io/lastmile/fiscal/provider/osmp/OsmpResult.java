package io.lastmile.fiscal.provider.osmp;

/**
 * OSMP's result codes. Only {@link #TEMPORARY} makes the terminal network ask again later; every
 * other non-zero code is final for the transaction.
 */
enum OsmpResult {
    OK(0),
    /** Temporary error: the network repeats the request later. */
    TEMPORARY(1),
    BAD_ACCOUNT_FORMAT(4),
    ACCOUNT_NOT_FOUND(5),
    REFUSED(7),
    SUM_TOO_SMALL(241),
    SUM_TOO_LARGE(242),
    /** Any other fatal error. */
    OTHER(300);

    final int code;

    OsmpResult(int code) {
        this.code = code;
    }
}
