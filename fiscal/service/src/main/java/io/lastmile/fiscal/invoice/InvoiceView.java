package io.lastmile.fiscal.invoice;

import io.lastmile.fiscal.payment.Invoice;
import java.math.BigDecimal;
import java.time.Instant;

/** An invoice on the API. {@code paymentId} is the payment that paid it, once one did. */
record InvoiceView(
        long id,
        long accountId,
        String contract,
        String provider,
        BigDecimal amount,
        String currency,
        String status,
        String description,
        String customerEmail,
        String customerPhone,
        String providerPaymentId,
        Long paymentId,
        Instant createdAt,
        Instant expiresAt) {

    static InvoiceView of(Invoice i, Long paymentId, String providerPaymentId) {
        return new InvoiceView(
                i.id(),
                i.accountId(),
                i.contract(),
                i.provider(),
                i.amount(),
                i.currency(),
                i.status().name(),
                i.description(),
                i.customerEmail(),
                i.customerPhone(),
                providerPaymentId,
                paymentId,
                i.createdAt(),
                i.expiresAt());
    }
}
