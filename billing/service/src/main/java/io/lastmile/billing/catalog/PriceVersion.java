package io.lastmile.billing.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/** One version of a service's price, in force from {@code effectiveFrom}. */
public record PriceVersion(long id, long serviceId, int version, BigDecimal price, Instant effectiveFrom) {}
