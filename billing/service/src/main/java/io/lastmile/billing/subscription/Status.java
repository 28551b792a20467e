package io.lastmile.billing.subscription;

/** Where a user service is in its life; {@link Lifecycle} says how it moves. */
public enum Status {
    /** Just ordered, nothing charged yet. */
    INIT,
    /** Ordered, but the money did not cover the first period: starts when it arrives. */
    NOT_PAID,
    /** Paid; waiting for the provisioning commands to finish on the operator's servers. */
    PROGRESS,
    ACTIVE,
    /** Not working: no money, blocked by an operator, or frozen by the subscriber. */
    BLOCKED,
    /** Ended for good. */
    REMOVED,
    /** Provisioning failed; an operator retries, skips or removes it. */
    ERROR
}
