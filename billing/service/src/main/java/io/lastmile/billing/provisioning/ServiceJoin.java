package io.lastmile.billing.provisioning;

import io.lastmile.billing.provisioning.alert.Alerts;
import io.lastmile.billing.provisioning.spool.SpoolListener;
import io.lastmile.billing.provisioning.spool.SpoolTask;
import io.lastmile.billing.provisioning.spool.TaskControl;
import io.lastmile.billing.subscription.ProvisioningResults;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a finished task means, in the transaction that records its end: tasks that waited for it
 * may start, a task out of retries raises an alert, and its service moves on when its event's
 * commands are all done (or one failed).
 */
@Component
class ServiceJoin implements SpoolListener {

    private final ProvisioningResults results;
    private final TaskControl tasks;
    private final Alerts alerts;

    ServiceJoin(ProvisioningResults results, TaskControl tasks, Alerts alerts) {
        this.results = results;
        this.tasks = tasks;
        this.alerts = alerts;
    }

    @Override
    public void before(SpoolTask task) {
        if (task.userServiceId() != null) {
            results.lockAccountOf(task.userServiceId());
        }
    }

    @Override
    public void finished(SpoolTask task, String status) {
        if (status.equals("SUCCESS")) {
            tasks.release(List.of(task.id()));
        } else {
            alerts.raiseForTask(
                    "TASK_DEAD",
                    Alerts.Severity.CRITICAL,
                    describe(task) + " failed after " + task.attempt() + " attempt(s); retry, skip or cancel it",
                    task.id());
        }
        if (task.userServiceId() != null) {
            results.settle(task.userServiceId(), ProvisioningResults.SPOOL_ACTOR);
        }
    }

    private static String describe(SpoolTask task) {
        if (task.userServiceId() != null) {
            return "task " + task.id() + " (" + task.event() + " of user service " + task.userServiceId() + ")";
        }
        return "task " + task.id() + " (" + task.event() + ")";
    }
}
