package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import java.util.List;

/** Runs one attempt of a task (renders its template, sends it through its transport). */
@FunctionalInterface
public interface TaskRunner {

    AttemptOutcome run(SpoolTask task, OutputSink output);

    /**
     * Told of tasks just taken, before their attempts start: a runner may read what they need in
     * one go instead of one read per attempt.
     */
    default void prepare(List<SpoolTask> tasks) {}
}
