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
}
