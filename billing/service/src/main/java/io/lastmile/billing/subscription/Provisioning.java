package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Tariff;

/**
 * Runs what the operator's servers must do for a service event. Until commands are bound to
 * events (the provisioning issue), nothing is bound and every event completes at once.
 */
public interface Provisioning {

    enum Outcome {
        DONE,
        FAILED
    }

    Outcome provision(long userServiceId, Tariff tariff, String event);

    /**
     * Whether anything is bound to the event for services of this category. An event that changes
     * no status (PROLONGATE) is written only when something listens to it: the ledger's charge
     * already records the period, and a charge run must not write a second row per service for
     * no one.
     */
    default boolean listens(String event, String category) {
        return true;
    }
}
