package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One price version of a catalog service. Ledger charges name the version they used by its `id`
 * (`priceId`).
 *
 * @param version 1, 2, ... per service
 * @param inForce whether this is the version in force now
 * @param createdBy who added it (the caller's token subject)
 */
public record PriceView(
        long id,
        long serviceId,
        int version,
        BigDecimal price,
        Instant effectiveFrom,
        boolean inForce,
        Instant createdAt,
        String createdBy) {}
