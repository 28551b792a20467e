package io.lastmile.billing.provisioning.tasks;

import io.lastmile.billing.api.provisioning.TaskView;
import io.lastmile.billing.audit.AuditTrail;
import io.lastmile.billing.provisioning.spool.TaskControl;
import io.lastmile.billing.subscription.ProvisioningResults;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's retry, skip, cancel or pause of one task, in one transaction with what it means
 * for the task's service: under the account's lock, the task changes, what waited for it may
 * start, and the service moves (ERROR back to PROGRESS on a retry, to ACTIVE when the rest is done).
 */
@Service
class TaskActions {

    private final TaskQueries queries;
    private final TaskControl control;
    private final ProvisioningResults results;
    private final AuditTrail audit;

    TaskActions(TaskQueries queries, TaskControl control, ProvisioningResults results, AuditTrail audit) {
        this.queries = queries;
        this.control = control;
        this.results = results;
        this.audit = audit;
    }

    @Transactional
    TaskView apply(long taskId, TaskControl.Command command, String actor) {
        TaskView task = queries.find(taskId).orElseThrow(() -> new NotFoundException("no task with id " + taskId));
        if (task.userServiceId() != null) {
            results.lockAccountOf(task.userServiceId());
        }
        TaskControl.Applied applied = control.apply(taskId, command, actor)
                .orElseThrow(() -> new ConflictException("task " + taskId + " is " + task.status() + " and cannot be "
                        + past(command) + "; " + allowed(command)));
        if (applied.userServiceId() != null) {
            results.settle(applied.userServiceId(), actor);
        }
        audit.record(
                actor,
                "spool.task." + past(command),
                "task " + taskId,
                "was " + task.status()
                        + (task.userServiceId() == null ? "" : ", user service " + task.userServiceId()));
        return queries.find(taskId).orElseThrow();
    }

    private static String past(TaskControl.Command command) {
        return switch (command) {
            case RETRY -> "retried";
            case SKIP -> "skipped";
            case CANCEL -> "cancelled";
            case PAUSE -> "paused";
        };
    }

    private static String allowed(TaskControl.Command command) {
        return switch (command) {
            case RETRY -> "only DEAD, FAILED, CANCELLED or PAUSED tasks are retried";
            case SKIP, CANCEL -> "finished tasks stay as they ended";
            case PAUSE -> "only NEW, FAILED or WAITING tasks are paused";
        };
    }
}
