package io.lastmile.fiscal.invoice;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What to pay to keep the account's services running until {@code until} (billing's forecast);
 * {@code amount} 0 when balance and bonus cover it.
 */
record SuggestedAmount(long accountId, BigDecimal amount, String currency, Instant until) {}
