package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;

/** A promised payment; {@code returnedAt} is set once it has been taken back. */
public record PromisedPaymentView(
        long id, long accountId, BigDecimal amount, Instant takenAt, Instant dueAt, Long entryId, Long returnEntryId) {}
