package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A subscriber account as billing shows it to other modules.
 *
 * @param balance money on the account (negative: debt)
 * @param bonus bonus points, spendable on charges where the tariff allows
 * @param creditLimit how far below zero the balance may go before services stop
 * @param status ACTIVE, BLOCKED or CLOSED
 */
public record AccountView(
        long id,
        String contract,
        String name,
        String currency,
        BigDecimal balance,
        BigDecimal bonus,
        BigDecimal creditLimit,
        String status,
        Instant createdAt) {}
