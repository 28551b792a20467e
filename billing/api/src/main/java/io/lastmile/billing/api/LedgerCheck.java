package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.util.List;

/** The accounts whose stored balance or bonus differs from the sum of their ledger entries. */
public record LedgerCheck(long accountsChecked, List<Mismatch> mismatches) {

    public record Mismatch(
            long accountId, BigDecimal balance, BigDecimal ledgerBalance, BigDecimal bonus, BigDecimal ledgerBonus) {}
}
