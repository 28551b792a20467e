package io.lastmile.billing.provisioning.spool;

/**
 * Told when a task reaches SUCCESS or DEAD, inside the transaction that records it: what it
 * does (a service leaving PROGRESS, an alert) commits with the task's end, or not at all.
 */
public interface SpoolListener {

    /** Called first in that transaction, before the task row is touched: take locks in their usual order. */
    default void before(SpoolTask task) {}

    void finished(SpoolTask task, String status);
}
