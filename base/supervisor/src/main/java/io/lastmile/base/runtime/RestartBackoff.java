package io.lastmile.base.runtime;

import java.time.Duration;

/**
 * How long base waits before restarting a module that died: doubling from the first delay up to
 * the maximum, and back to the first delay once the module had run long enough to count as stable.
 */
public final class RestartBackoff {

    private final Duration initial;
    private final Duration max;
    private final Duration stableAfter;
    private int failures;

    public RestartBackoff(Duration initial, Duration max, Duration stableAfter) {
        this.initial = initial;
        this.max = max;
        this.stableAfter = stableAfter;
    }

    public static RestartBackoff standard() {
        return new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(2));
    }

    /** The delay before the next start, given how long the process that just died had run. */
    public synchronized Duration nextDelay(Duration uptime) {
        if (uptime.compareTo(stableAfter) >= 0) {
            failures = 0;
        }
        Duration delay = initial.multipliedBy(1L << Math.min(failures, 20));
        failures++;
        return delay.compareTo(max) > 0 ? max : delay;
    }

    public synchronized int failures() {
        return failures;
    }
}
