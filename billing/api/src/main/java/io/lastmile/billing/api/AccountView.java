package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

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
        String type,
        String taxId,
        String phone,
        String email,
        String address,
        String timeZone,
        String currency,
        BigDecimal balance,
        BigDecimal bonus,
        BigDecimal creditLimit,
        BigDecimal discountPercent,
        String status,
        Map<String, Object> settings,
        Instant createdAt,
        Instant updatedAt) {}
