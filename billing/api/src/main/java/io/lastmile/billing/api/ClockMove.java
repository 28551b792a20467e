package io.lastmile.billing.api;

import java.time.Instant;

/** Moves the test clock to {@code now}, or forward by {@code advance} (ISO: P15D, PT12H, P1M). */
public record ClockMove(Instant now, String advance) {}
