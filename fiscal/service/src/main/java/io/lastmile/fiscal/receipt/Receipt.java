package io.lastmile.fiscal.receipt;

import io.lastmile.fiscal.receipt.FiscalReport.FiscalAttributes;
import java.math.BigDecimal;
import java.time.Instant;

/** A receipt as stored: what it says, where it is, and the fiscal attributes once registered. */
record Receipt(
        long id,
        ReceiptKind kind,
        long paymentId,
        Long refundId,
        String externalId,
        Long accountId,
        BigDecimal amount,
        String currency,
        boolean cash,
        String clientEmail,
        String clientPhone,
        ReceiptStatus status,
        String registrar,
        String registrarUuid,
        int attempts,
        Instant nextAttemptAt,
        String errorCode,
        String errorText,
        FiscalAttributes fiscal,
        Instant createdAt,
        Instant updatedAt) {}
