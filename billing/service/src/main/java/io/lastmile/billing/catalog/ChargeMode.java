package io.lastmile.billing.catalog;

/** How a service's price is charged. */
public enum ChargeMode {
    /** The whole period's price at its start. */
    PERIOD,
    /** The period's price in equal daily parts, each at the start of its day. */
    DAILY,
    /** Once, at order (a connection fee); the service has no period. */
    ONCE
}
