package io.lastmile.billing.provisioning.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesPerAttemptWithinTwentyPercent() {
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 6; attempt++) {
            long expected = 10_000L << (attempt - 1);
            for (int i = 0; i < 200; i++) {
                long millis = Backoff.after(attempt, 10, random).toMillis();
                assertThat(millis).isBetween(expected * 8 / 10, expected * 12 / 10);
            }
        }
    }

    @Test
    void neverWaitsMoreThanTheCapPlusJitterHoweverManyAttempts() {
        Random random = new Random(11);
        for (int attempt : new int[] {12, 30, 64, Integer.MAX_VALUE}) {
            assertThat(Backoff.after(attempt, 3600, random))
                    .isLessThanOrEqualTo(Duration.ofMillis(Backoff.CAP.toMillis() * 12 / 10));
        }
    }

    @Test
    void tasksThatFailedTogetherComeBackApart() {
        Random random = new Random(3);
        Set<Long> delays = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            delays.add(Backoff.after(1, 60, random).toMillis());
        }
        assertThat(delays).hasSizeGreaterThan(40);
    }
}
