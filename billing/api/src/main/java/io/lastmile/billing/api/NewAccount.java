package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An account to open. Only `name` is required; the rest have defaults.
 *
 * @param contract the contract number, unique; generated in the operator's format when absent
 * @param type PERSON (default) or COMPANY (needs `taxId`, the 10- or 12-digit INN)
 * @param timeZone IANA zone in which the subscriber's billing periods are computed
 * @param currency ISO 4217 code of the account's money (default RUB)
 * @param discountPercent 0 to 100, applied to every charge
 * @param creditLimit how far below zero the balance may go, 0 or more
 * @param settings free-form operator data
 */
public record NewAccount(
        String contract,
        String name,
        String type,
        String taxId,
        String phone,
        String email,
        String address,
        String timeZone,
        String currency,
        BigDecimal discountPercent,
        BigDecimal creditLimit,
        Map<String, Object> settings) {

    /** The short form other modules and tests use most. */
    public NewAccount(String contract, String name, String currency) {
        this(contract, name, null, null, null, null, null, null, currency, null, null, null);
    }
}
