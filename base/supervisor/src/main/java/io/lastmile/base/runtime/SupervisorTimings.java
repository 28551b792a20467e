package io.lastmile.base.runtime;

import java.time.Duration;

/**
 * How patient base is with modules.
 *
 * @param probeInterval how often each running module's health is asked
 * @param startTimeout how long a module may take to answer healthy after its start
 * @param unhealthyTimeout how long a module that was up may stay unhealthy before it is killed
 * @param stopGrace how long a module may take to stop after SIGTERM before SIGKILL
 */
public record SupervisorTimings(
        Duration probeInterval, Duration startTimeout, Duration unhealthyTimeout, Duration stopGrace) {

    public static SupervisorTimings standard() {
        return new SupervisorTimings(
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofSeconds(20));
    }

    RestartBackoff backoff() {
        return RestartBackoff.standard();
    }
}
