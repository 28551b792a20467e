package io.lastmile.billing.subscription;

import java.math.BigDecimal;
import java.time.ZoneId;

/** What charging needs of an account, read under its row lock. */
record AccountState(
        long id,
        String currency,
        ZoneId zone,
        BigDecimal discountPercent,
        BigDecimal creditLimit,
        BigDecimal balance,
        BigDecimal bonus) {}
