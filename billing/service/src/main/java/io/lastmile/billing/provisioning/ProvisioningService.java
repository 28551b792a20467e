package io.lastmile.billing.provisioning;

import io.lastmile.billing.provisioning.bind.Bindings;
import io.lastmile.billing.provisioning.spool.TaskControl;
import io.lastmile.billing.subscription.Provisioning;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The subscription engine's view of provisioning: bindings from the cache, task states from the spool. */
@Service
class ProvisioningService implements Provisioning {

    private final Bindings bindings;
    private final TaskControl tasks;

    ProvisioningService(Bindings bindings, TaskControl tasks) {
        this.bindings = bindings;
        this.tasks = tasks;
    }

    @Override
    public boolean listens(String event, String category) {
        return bindings.listens(event, category);
    }

    @Override
    public Map<Long, Progress> progress(Collection<Long> eventIds) {
        Map<Long, TaskControl.EventTasks> counted = tasks.ofEvents(eventIds);
        Map<Long, Progress> progress = new HashMap<>();
        for (Long id : eventIds) {
            // an event that is not there has nothing to wait for
            progress.put(id, progressOf(counted.getOrDefault(id, new TaskControl.EventTasks(true, 0, 0))));
        }
        return progress;
    }

    private static Progress progressOf(TaskControl.EventTasks t) {
        if (!t.dispatched() || (t.failed() == 0 && t.open() > 0)) {
            return Progress.PENDING;
        }
        return t.failed() > 0 ? Progress.FAILED : Progress.SUCCEEDED;
    }

    @Override
    public int retryFailed(long eventId, String actor) {
        return tasks.retryFailed(eventId, actor);
    }

    @Override
    public int skipUnfinished(long eventId, String actor) {
        return tasks.skipUnfinished(eventId, actor);
    }

    @Override
    public int cancelPending(long userServiceId, String actor) {
        return tasks.cancelPending(userServiceId, actor);
    }
}
