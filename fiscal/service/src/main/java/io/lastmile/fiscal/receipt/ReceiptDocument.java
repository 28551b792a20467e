package io.lastmile.fiscal.receipt;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a receipt says, independent of the provider's format.
 *
 * @param externalId our unique key of the document (the payment's or the refund's key)
 * @param at when it is issued (the provider's timestamp)
 * @param clientEmail where the receipt goes; {@code clientPhone} when there is no e-mail
 * @param amount the whole sum, exact in the currency's units
 * @param cash paid in cash at the cash desk (else electronically)
 */
public record ReceiptDocument(
        ReceiptKind kind,
        String externalId,
        Instant at,
        String clientEmail,
        String clientPhone,
        BigDecimal amount,
        String currency,
        boolean cash) {}
