package io.lastmile.fiscal.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A payment a provider confirmed, as the adapter read it from a verified notification.
 *
 * @param provider the adapter's name
 * @param providerPaymentId the provider's own id of the payment: (provider, id) books once
 * @param contract the payer's contract number as the provider sent it, or the invoice's
 * @param invoiceId the invoice it pays, when the provider sent one (null for terminals)
 * @param amount what was paid, in the currency's units (never rounded by the adapter)
 * @param paidAt when the provider says it was paid (the receipt's time if it gave none)
 * @param testMode a test payment (the provider's test flag, or the provider is in test mode)
 * @param details what else the provider said (card mask, terminal id ...), kept for the operator
 */
public record IncomingPayment(
        String provider,
        String providerPaymentId,
        String contract,
        Long invoiceId,
        BigDecimal amount,
        String currency,
        Instant paidAt,
        boolean testMode,
        String customerEmail,
        String customerPhone,
        Map<String, String> details) {

    public IncomingPayment {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
