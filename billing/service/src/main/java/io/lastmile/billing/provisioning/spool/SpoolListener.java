package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.template.RequestedEvent;
import java.util.List;

/**
 * Told when tasks reach SUCCESS or DEAD, inside the transaction that records their end (the spool
 * ends tasks in batches): what it does (a service leaving PROGRESS, an alert) commits with the
 * tasks' end, or not at all.
 */
public interface SpoolListener {

    /** Called first in that transaction, before any task row is touched: take locks in their usual order. */
    default void before(List<SpoolTask> tasks) {}

    void finished(List<Ended> ended);

    /**
     * A task that reached SUCCESS or DEAD, with the custom events its template asked for (to be
     * raised only on SUCCESS).
     */
    record Ended(SpoolTask task, String status, List<RequestedEvent> events) {
        public boolean succeeded() {
            return status.equals("SUCCESS");
        }
    }
}
