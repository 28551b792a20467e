package io.lastmile.billing.account;

/** Published inside the transaction that created an account: commands bound to REGISTERED run for it. */
public record AccountRegistered(long accountId) {}
