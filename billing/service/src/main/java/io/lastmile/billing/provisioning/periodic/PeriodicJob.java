package io.lastmile.billing.provisioning.periodic;

import io.lastmile.billing.provisioning.OutputSink;
import java.time.Duration;

/**
 * Housekeeping that runs through the spool on a cron schedule, logged and retried like a command.
 * A slot whose previous run has not finished is skipped, so runs of one job never overlap.
 */
public interface PeriodicJob {

    /** The job's name, unique; the key of its row in {@code periodic_job}. */
    String name();

    /** Spring's six-field cron (seconds first), evaluated in UTC. */
    String cron();

    /** How long one run may take before its worker counts as dead. */
    default Duration timeout() {
        return Duration.ofMinutes(10);
    }

    /** Runs once; throws to have the run retried. */
    void run(OutputSink out);
}
