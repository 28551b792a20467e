package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A new price version of a catalog service.
 *
 * @param price 0 or more, no more decimals than the service's currency has
 * @param effectiveFrom when it takes effect (default now); at most a minute in the past, and after
 *     the latest version's date
 */
public record NewPrice(BigDecimal price, Instant effectiveFrom) {}
