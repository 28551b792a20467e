package io.lastmile.base.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private final RestartBackoff backoff =
            new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(2));

    @Test
    void doublesTheDelayForEachQuickCrashUpToTheMaximum() {
        Duration quick = Duration.ofSeconds(3);
        long[] seconds = new long[9];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = backoff.nextDelay(quick).toSeconds();
        }

        assertThat(seconds).containsExactly(1, 2, 4, 8, 16, 32, 60, 60, 60);
    }

    @Test
    void startsOverAfterAModuleRanLongEnoughToCountAsStable() {
        backoff.nextDelay(Duration.ZERO);
        backoff.nextDelay(Duration.ZERO);
        backoff.nextDelay(Duration.ZERO);

        assertThat(backoff.nextDelay(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.nextDelay(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void neverOverflowsAfterManyCrashes() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.nextDelay(Duration.ZERO)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
        }
    }
}
