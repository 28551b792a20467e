package io.lastmile.fiscal.invoice;

import java.math.BigDecimal;

/**
 * A request to start a payment.
 *
 * @param amount what to pay; null for the suggested amount (billing's forecast)
 * @param currency optional; when given it must be the account's
 * @param returnUrl where the provider sends the subscriber back (the cabinet's page)
 * @param email where the fiscal receipt goes; the account's when null
 * @param phone where the receipt goes when there is no e-mail; the account's when null
 */
record NewInvoice(
        Long accountId,
        String provider,
        BigDecimal amount,
        String currency,
        String returnUrl,
        String email,
        String phone) {}
