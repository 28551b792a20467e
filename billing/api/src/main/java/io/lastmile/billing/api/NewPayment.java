package io.lastmile.billing.api;

import java.math.BigDecimal;

/**
 * Money received for an account. Sent with an `Idempotency-Key` header: the same key books once.
 *
 * @param amount positive, at most the currency's minor units (e.g. 100.50 RUB)
 * @param currency must be the account's currency
 * @param method how it was paid (cash, card, a payment system's name)
 * @param externalId the payment's id at its source, for the operator's reconciliation
 */
public record NewPayment(BigDecimal amount, String currency, String method, String externalId) {}
