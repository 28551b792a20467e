package io.lastmile.billing.catalog;

/** When a change from this tariff to another takes effect. */
public enum ChangeMode {
    /** At once: the unused part is refunded and the new tariff charged. */
    NOW,
    /** When the current paid period ends. */
    PERIOD_END
}
