package io.lastmile.billing.ledger;

import java.util.Collection;

/** {@link BalanceRaised} for many accounts at once (a batch of payments), handled with one statement. */
public record BalancesRaised(Collection<Long> accountIds) {}
