package io.lastmile.fiscal.receipt;

import java.time.Instant;

/** Which receipts a list shows; null fields do not filter. */
record ReceiptFilter(
        Long accountId, ReceiptStatus status, ReceiptKind kind, Long paymentId, Instant from, Instant to, int limit) {}
