package io.lastmile.fiscal.book;

import java.math.BigDecimal;
import java.util.Currency;

/** Checks of an amount as a provider sent it: positive, a known currency, no more decimals than it has. */
public final class Amounts {

    private Amounts() {}

    /** What is wrong with the amount, or null when nothing is. */
    public static String problem(BigDecimal amount, String currency) {
        if (amount == null || amount.signum() <= 0) {
            return "the amount must be positive";
        }
        Currency c;
        try {
            c = Currency.getInstance(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            return "unknown currency " + currency;
        }
        int digits = Math.max(c.getDefaultFractionDigits(), 0);
        if (amount.stripTrailingZeros().scale() > digits) {
            return "the amount " + amount.toPlainString() + " has more decimals than " + currency + " has (" + digits
                    + ")";
        }
        return null;
    }
}
