package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Changes to an account: only the fields given change. Money never changes here (payments and
 * corrections do that), nor the currency.
 *
 * @param status ACTIVE, BLOCKED or CLOSED
 */
public record AccountPatch(
        String contract,
        String name,
        String type,
        String taxId,
        String phone,
        String email,
        String address,
        String timeZone,
        BigDecimal discountPercent,
        BigDecimal creditLimit,
        String status,
        Map<String, Object> settings) {}
