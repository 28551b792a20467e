package io.lastmile.billing.catalog;

import io.lastmile.billing.period.MonthStyle;
import io.lastmile.billing.period.ServicePeriod;
import io.lastmile.platform.web.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The checks a catalog service's own fields must pass, each naming its field; shared by create and change. */
final class CatalogRules {

    /** As the schema's CHECK on service.category. */
    static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** numeric(19, 4): at most 15 digits before the point. */
    private static final int MAX_WHOLE_DIGITS = 15;

    private CatalogRules() {}

    static void name(InvalidRequestException.Collector p, String name) {
        if (name != null && (name.isBlank() || name.strip().length() > 200)) {
            p.add("name", "must be 1 to 200 characters");
        }
    }

    static void category(InvalidRequestException.Collector p, String category) {
        if (category != null && !CATEGORY.matcher(category).matches()) {
            p.add(
                    "category",
                    "'" + category + "' must be 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a"
                            + " letter or digit, e.g. internet or vpn-basic");
        }
    }

    /** The currency, or null (and a problem) when it is not an ISO 4217 code of real money. */
    static Currency currency(InvalidRequestException.Collector p, String code) {
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                p.add("currency", code + " is not money (it has no minor units); use e.g. RUB or USD");
                return null;
            }
            return currency;
        } catch (IllegalArgumentException | NullPointerException e) {
            p.add("currency", "'" + code + "' is not an ISO 4217 code such as RUB or USD");
            return null;
        }
    }

    /** An amount of money: 0 or more, as precise as the currency (if known), fitting numeric(19, 4). */
    static void amount(InvalidRequestException.Collector p, String field, BigDecimal amount, Currency currency) {
        if (amount == null) {
            return;
        }
        if (amount.signum() < 0) {
            p.add(field, "must be 0 or more, not " + amount.toPlainString());
        } else if (currency != null && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            p.add(
                    field,
                    amount.toPlainString() + " has more decimals than " + currency + " allows ("
                            + currency.getDefaultFractionDigits() + ")");
        } else if (amount.precision() - amount.scale() > MAX_WHOLE_DIGITS) {
            p.add(field, amount.toPlainString() + " is too large");
        }
    }

    /** The charge mode, or null (with a problem if it was given but is not one). */
    static ChargeMode chargeMode(InvalidRequestException.Collector p, String mode) {
        return value(p, "chargeMode", ChargeMode.class, mode);
    }

    static MonthStyle monthStyle(InvalidRequestException.Collector p, String style) {
        return value(p, "monthStyle", MonthStyle.class, style);
    }

    static ChangeMode changeMode(InvalidRequestException.Collector p, String mode) {
        return value(p, "changeMode", ChangeMode.class, mode);
    }

    /** The period in its ISO form (P12M becomes P1Y), or null with a problem saying what is wrong. */
    static String period(InvalidRequestException.Collector p, String iso) {
        try {
            return ServicePeriod.parse(iso).toString();
        } catch (IllegalArgumentException e) {
            p.add("period", e.getMessage());
            return null;
        }
    }

    static void days(InvalidRequestException.Collector p, String field, Integer days, int min, int max) {
        if (days != null && (days < min || days > max)) {
            p.add(field, "must be from " + min + " to " + max + ", not " + days);
        }
    }

    /** Voluntary freeze as it will be stored: the limits each at least a day, min not above max. */
    static void freeze(
            InvalidRequestException.Collector p,
            Integer minDays,
            Integer maxDays,
            BigDecimal monthlyFee,
            Currency currency) {
        days(p, "freezeMinDays", minDays, 1, 3650);
        days(p, "freezeMaxDays", maxDays, 1, 3650);
        amount(p, "freezeMonthlyFee", monthlyFee, currency);
        if (minDays != null && maxDays != null && minDays > maxDays) {
            p.add("freezeMinDays", "must not exceed freezeMaxDays (" + maxDays + "), not " + minDays);
        }
        if (maxDays == null && (minDays != null || monthlyFee != null)) {
            p.add(
                    "freezeMaxDays",
                    "is required when freezeMinDays or freezeMonthlyFee is given: without it freezing is not offered");
        }
    }

    private static <E extends Enum<E>> E value(
            InvalidRequestException.Collector p, String field, Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            p.add(
                    field,
                    "must be "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", "))
                            + ", not '" + value + "'");
            return null;
        }
    }
}
