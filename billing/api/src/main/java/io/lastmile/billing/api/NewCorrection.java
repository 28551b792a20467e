package io.lastmile.billing.api;

import java.math.BigDecimal;

/**
 * An operator's correction of a balance: positive adds money, negative takes it. Sent with an
 * `Idempotency-Key` header.
 *
 * @param correctsEntryId the entry this corrects, when there is one
 * @param reason why, required: it is what an auditor reads
 */
public record NewCorrection(BigDecimal amount, String currency, Long correctsEntryId, String reason) {}
