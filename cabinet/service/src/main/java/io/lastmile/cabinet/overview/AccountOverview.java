package io.lastmile.cabinet.overview;

import java.math.BigDecimal;

/** What the cabinet's front page shows of an account. */
record AccountOverview(
        long accountId, String contract, String name, BigDecimal balance, String currency, long openTickets) {}
