package io.lastmile.billing.provisioning;

import io.lastmile.billing.provisioning.alert.Alerts;
import io.lastmile.billing.provisioning.events.CommandEvents;
import io.lastmile.billing.provisioning.spool.SpoolListener;
import io.lastmile.billing.provisioning.spool.SpoolTask;
import io.lastmile.billing.provisioning.spool.TaskControl;
import io.lastmile.billing.subscription.ProvisioningResults;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What finished tasks mean, in the transaction that records their end: tasks that waited for them
 * may start, a succeeded task's template's events are raised, a task out of retries raises an
 * alert, and their services move on when their events' commands are all done (or one failed).
 */
@Component
class ServiceJoin implements SpoolListener {

    private final ProvisioningResults results;
    private final TaskControl tasks;
    private final Alerts alerts;
    private final CommandEvents events;

    ServiceJoin(ProvisioningResults results, TaskControl tasks, Alerts alerts, CommandEvents events) {
        this.results = results;
        this.tasks = tasks;
        this.alerts = alerts;
        this.events = events;
    }

    @Override
    public void before(List<SpoolTask> ending) {
        results.lockAccountsOf(services(ending.stream().map(t -> t.userServiceId())));
    }

    @Override
    public void finished(List<Ended> ended) {
        tasks.release(
                ended.stream().filter(Ended::succeeded).map(e -> e.task().id()).toList());
        for (Ended e : ended) {
            if (e.succeeded()) {
                events.raise(e.task(), e.events());
            } else {
                SpoolTask task = e.task();
                alerts.raiseForTask(
                        "TASK_DEAD",
                        Alerts.Severity.CRITICAL,
                        describe(task) + " failed after " + task.attempt() + " attempt(s); retry, skip or cancel it",
                        task.id());
            }
        }
        results.settleAll(services(ended.stream().map(e -> e.task().userServiceId())), ProvisioningResults.SPOOL_ACTOR);
    }

    private static List<Long> services(java.util.stream.Stream<Long> ids) {
        return ids.filter(Objects::nonNull).distinct().toList();
    }

    private static String describe(SpoolTask task) {
        if (task.userServiceId() != null) {
            return "task " + task.id() + " (" + task.event() + " of user service " + task.userServiceId() + ")";
        }
        return "task " + task.id() + " (" + task.event() + ")";
    }
}
