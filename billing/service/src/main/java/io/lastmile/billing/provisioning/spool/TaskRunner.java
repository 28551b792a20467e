package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;

/** Runs one attempt of a task (renders its template, sends it through its transport). */
@FunctionalInterface
public interface TaskRunner {

    AttemptOutcome run(SpoolTask task, OutputSink output);
}
