package io.lastmile.fiscal.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the cabinet (or an operator) asked a subscriber to pay through one provider. Its id is the
 * order number sent to the provider (Robokassa InvId, T-Bank OrderId, Sberbank orderNumber ...).
 */
public record Invoice(
        long id,
        long accountId,
        String contract,
        String provider,
        BigDecimal amount,
        String currency,
        InvoiceStatus status,
        String description,
        String customerEmail,
        String customerPhone,
        Instant createdAt,
        Instant expiresAt) {

    public enum InvoiceStatus {
        OPEN,
        PAID,
        EXPIRED,
        CANCELLED
    }
}
