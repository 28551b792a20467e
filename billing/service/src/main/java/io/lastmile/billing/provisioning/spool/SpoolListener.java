package io.lastmile.billing.provisioning.spool;

/**
 * Told when a task reaches SUCCESS or DEAD, inside the transaction that records it: what it
 * does (a service leaving PROGRESS, an alert) commits with the task's end, or not at all.
 */
@FunctionalInterface
public interface SpoolListener {

    void finished(SpoolTask task, String status);
}
