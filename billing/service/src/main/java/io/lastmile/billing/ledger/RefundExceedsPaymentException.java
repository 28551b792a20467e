package io.lastmile.billing.ledger;

import java.math.BigDecimal;

/** A payment refund larger than what is left of the payment: refused (422), nothing booked. */
final class RefundExceedsPaymentException extends RuntimeException {

    private final long paymentEntryId;
    private final BigDecimal left;
    private final String currency;

    RefundExceedsPaymentException(
            long paymentEntryId, BigDecimal paid, BigDecimal left, BigDecimal asked, String currency) {
        super("payment entry " + paymentEntryId + " of " + paid.toPlainString() + " " + currency + " has "
                + left.toPlainString() + " " + currency + " left to refund; " + asked.toPlainString() + " " + currency
                + " is more than that");
        this.paymentEntryId = paymentEntryId;
        this.left = left;
        this.currency = currency;
    }

    long paymentEntryId() {
        return paymentEntryId;
    }

    BigDecimal left() {
        return left;
    }

    String currency() {
        return currency;
    }
}
