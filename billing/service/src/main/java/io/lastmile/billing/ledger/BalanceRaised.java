package io.lastmile.billing.ledger;

/**
 * Published inside the transaction that raised an account's money balance (a payment, a refund, a
 * promised payment, a positive correction), so that services waiting for money can be woken.
 */
public record BalanceRaised(long accountId) {}
