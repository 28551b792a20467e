package io.lastmile.billing.subscription;

/** What happens to a user service; with its status it picks the row of {@link Lifecycle}. */
public enum Action {
    /** A period was charged: at order, when money arrived, at unblock or unfreeze. */
    PAID,
    /** Ordered without the money for the first period. */
    UNPAID,
    /** Every provisioning command succeeded (or none is bound). */
    PROVISIONED,
    /** A provisioning command exhausted its retries. */
    PROVISIONING_FAILED,
    /** Out of money (after the grace period), blocked by an operator, or frozen. */
    BLOCK,
    /** A tariff change that takes effect now: the servers re-provision the service. */
    CHANGE_TARIFF,
    /** An operator retries the failed provisioning. */
    RETRY,
    /** An operator marks the failed provisioning done by hand. */
    SKIP,
    /** Stopped by the subscriber or an operator, or ended without renewal. */
    STOP;

    /** Whether the move raises an event that commands run for; results of commands raise none. */
    boolean raisesCommands() {
        return switch (this) {
            case PAID, UNPAID, BLOCK, CHANGE_TARIFF, STOP -> true;
            case PROVISIONED, PROVISIONING_FAILED, RETRY, SKIP -> false;
        };
    }
}
