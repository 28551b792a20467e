package io.lastmile.fiscal.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment as the provider's API reports it (status re-query, daily statement).
 *
 * @param invoiceId our invoice id when the provider keeps it (order number), else null
 * @param contract the payer's contract when the provider keeps it, else null
 */
public record ProviderPayment(
        String providerPaymentId,
        Long invoiceId,
        String contract,
        BigDecimal amount,
        String currency,
        Instant paidAt,
        Status status) {

    public enum Status {
        PAID,
        PENDING,
        FAILED,
        REFUNDED,
        UNKNOWN
    }
}
