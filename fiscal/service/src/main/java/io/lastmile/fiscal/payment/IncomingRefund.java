package io.lastmile.fiscal.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money a provider returned to the payer for a payment booked earlier (full or partial).
 *
 * @param providerRefundId the provider's id of the refund: (provider, refund id) books once
 */
public record IncomingRefund(
        String provider,
        String providerPaymentId,
        String providerRefundId,
        BigDecimal amount,
        String currency,
        Instant refundedAt) {}
