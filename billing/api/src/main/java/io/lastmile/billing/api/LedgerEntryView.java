package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One ledger entry. `amount` is signed: what it added to the balance (or to the bonus, for the
 * BONUS_* kinds); `balanceAfter` is that balance right after it. `priceId` is the catalog price
 * version a charge used.
 */
public record LedgerEntryView(
        Long id,
        long accountId,
        String kind,
        BigDecimal amount,
        String currency,
        BigDecimal balanceAfter,
        Long correctsEntryId,
        String paymentMethod,
        String externalId,
        Long userServiceId,
        Instant periodStart,
        Instant periodEnd,
        String reason,
        String actor,
        Instant createdAt,
        Long priceId) {}
