package io.lastmile.billing.api;

import java.math.BigDecimal;

/**
 * Money returned to the payer of a payment (by the payment system, or by the cash desk): it is
 * taken off the balance. Sent with an `Idempotency-Key` header: the same key books once.
 *
 * @param amount positive, at most what is left to refund of the payment, at most the currency's
 *     minor units
 * @param currency must be the payment's (and so the account's) currency
 * @param externalId the refund's id at its source, for the operator's reconciliation
 * @param reason why, optional (e.g. "refund at the payment system")
 */
public record NewPaymentRefund(BigDecimal amount, String currency, String externalId, String reason) {}
