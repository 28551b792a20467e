package io.lastmile.billing.provisioning.spool;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed task is tried again: the command's base delay doubled per attempt, capped at an
 * hour, with ±20% jitter so that tasks that failed together (a server down) do not all come back
 * at the same second.
 */
final class Backoff {

    static final Duration CAP = Duration.ofHours(1);

    private Backoff() {}

    /** The delay after failed attempt number {@code attempt} (1 for the first). */
    static Duration after(int attempt, int baseSeconds, RandomGenerator random) {
        long base = Math.max(1, baseSeconds) * 1000L;
        int doublings = Math.min(Math.max(0, attempt - 1), 30);
        long millis = Math.min(CAP.toMillis(), base << Math.min(doublings, 20));
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(millis * jitter)));
    }

    /** The delay after an attempt that found its server busy: one to three seconds, spread out. */
    static Duration busy(RandomGenerator random) {
        return Duration.ofMillis(1000 + random.nextLong(2000));
    }
}
