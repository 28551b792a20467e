package io.lastmile.billing.api;

import java.time.Instant;

/**
 * The test clock (dev and test mode only).
 *
 * @param processed how many accounts the billing clock processed to settle at {@code now}
 */
public record ClockView(Instant now, int processed) {}
