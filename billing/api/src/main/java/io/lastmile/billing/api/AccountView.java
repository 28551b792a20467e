package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;

/** A subscriber account as billing shows it to other modules. */
public record AccountView(
        long id, String contract, String name, String currency, BigDecimal balance, Instant createdAt) {}
