package io.lastmile.billing.api;

/**
 * An account to open.
 *
 * @param contract the contract number, unique
 * @param name the subscriber's name
 * @param currency ISO 4217 code of the account's money
 */
public record NewAccount(String contract, String name, String currency) {}
