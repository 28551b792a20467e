package io.lastmile.fiscal.provider.stripe;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe's amounts are integers in the currency's smallest unit; its list of zero-decimal and
 * three-decimal currencies decides the unit, not ISO 4217 alone.
 */
final class StripeAmounts {

    private static final Set<String> ZERO_DECIMAL = Set.of(
            "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF",
            "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {}

    static int digits(String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        if (THREE_DECIMAL.contains(code)) {
            return 3;
        }
        return 2;
    }

    static BigDecimal fromMinor(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency));
    }

    /** The invoice's amount in Stripe's unit; an amount that does not fit exactly is refused. */
    static long toMinor(BigDecimal amount, String currency) {
        int iso = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
        if (amount.stripTrailingZeros().scale() > Math.max(iso, 0)) {
            throw new IllegalArgumentException(amount.toPlainString() + " has more decimals than " + currency);
        }
        try {
            return amount.movePointRight(digits(currency)).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    amount.toPlainString() + " " + currency + " is not a whole number of Stripe's units", e);
        }
    }

    static String currency(String stripeCurrency) {
        return stripeCurrency == null ? null : stripeCurrency.toUpperCase(Locale.ROOT);
    }
}
