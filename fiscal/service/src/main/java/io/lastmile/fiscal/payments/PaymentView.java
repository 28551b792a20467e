package io.lastmile.fiscal.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A payment on the API: what the provider confirmed, its refunds, where it stands with billing's
 * ledger and its fiscal receipt (null until one is made).
 */
record PaymentView(
        long id,
        String provider,
        String providerPaymentId,
        String paymentKey,
        String contract,
        Long accountId,
        Long invoiceId,
        BigDecimal amount,
        String currency,
        String method,
        boolean testMode,
        String cashier,
        String customerEmail,
        String customerPhone,
        Instant paidAt,
        Instant receivedAt,
        BillingState billing,
        ReceiptState receipt,
        List<RefundView> refunds) {

    /** A refund of the payment, with its own billing state and receipt. */
    record RefundView(
            long id,
            String providerRefundId,
            BigDecimal amount,
            String currency,
            Instant refundedAt,
            Instant receivedAt,
            BillingState billing,
            ReceiptState receipt) {}

    /**
     * The outbox entry to billing: PENDING (waiting or retrying), CREDITED (with its ledger entry)
     * or REFUSED (billing said no; {@code lastError} says why).
     */
    record BillingState(String state, Long ledgerEntryId, int attempts, String lastError) {}

    /** The fiscal receipt: QUEUED, SENT, DONE or FAILED. */
    record ReceiptState(long id, String status) {}

    PaymentView withRefunds(List<RefundView> r) {
        return new PaymentView(
                id,
                provider,
                providerPaymentId,
                paymentKey,
                contract,
                accountId,
                invoiceId,
                amount,
                currency,
                method,
                testMode,
                cashier,
                customerEmail,
                customerPhone,
                paidAt,
                receivedAt,
                billing,
                receipt,
                r);
    }
}
