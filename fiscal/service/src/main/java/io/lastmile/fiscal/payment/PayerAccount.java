package io.lastmile.fiscal.payment;

/**
 * A billing account a payment is for.
 *
 * @param email where the fiscal receipt goes (may be null)
 * @param phone where the fiscal receipt goes when there is no e-mail (may be null)
 */
public record PayerAccount(long id, String contract, String currency, String email, String phone) {}
