package io.lastmile.billing.subscription;

/** Why a BLOCKED service is blocked, which decides what unblocks it. */
public enum BlockReason {
    /** Unblocks by itself when a payment covers the next period. */
    NO_MONEY,
    /** Only an operator unblocks it. */
    OPERATOR,
    /** A voluntary freeze: ends at its date, or earlier on request once its minimum has passed. */
    FROZEN
}
