package io.lastmile.fiscal.receipt;

/** Where a receipt is: waiting to be sent, sent and polled, registered, or failed. */
public enum ReceiptStatus {
    QUEUED,
    SENT,
    DONE,
    FAILED
}
