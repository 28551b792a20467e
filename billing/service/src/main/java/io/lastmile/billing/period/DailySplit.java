package io.lastmile.billing.period;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A period's price cut into daily parts at the currency's minor units, with the rounding carried
 * from day to day: part {@code i} is {@code round(price × (i+1) / N) − round(price × i / N)}
 * (HALF_UP). So 100.00 over 3 days is 33.33 + 33.34 + 33.33: the parts add up to exactly the
 * price, never a kopeck more or less, and none is negative. Daily charges and refunds for early
 * stops use the same parts, so they always agree.
 *
 * @param price the whole period's price, not negative, at most as precise as the currency; kept at
 *     the currency's minor units (900 RUB becomes 900.00)
 * @param days how many parts, at least 1
 * @param currency gives the minor units ({@link Currency#getDefaultFractionDigits()}: 2 for RUB, 0
 *     for JPY)
 */
public record DailySplit(BigDecimal price, int days, Currency currency) {

    public DailySplit {
        Objects.requireNonNull(currency, "currency");
        price = atMinorUnits(price, currency);
        if (days < 1) {
            throw new IllegalArgumentException("a price is split over at least 1 day, not " + days);
        }
    }

    /** Splits {@code price} over the local calendar days of the period from {@code start} to {@code end}. */
    public static DailySplit of(BigDecimal price, ZonedDateTime start, ZonedDateTime end, Currency currency) {
        return new DailySplit(price, daysBetween(start, end), currency);
    }

    /**
     * The number of local calendar days from {@code start} to {@code end}, in the zone of {@code
     * start} (28 to 31 for a calendar month, 30 for a {@link MonthStyle#THIRTY_DAY} month). A period
     * that does not cross a day boundary (e.g. {@code PT12H} from 08:00) counts as one day.
     */
    public static int daysBetween(ZonedDateTime start, ZonedDateTime end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period end " + end + " is not after its start " + start);
        }
        ZoneId zone = start.getZone();
        long days = ChronoUnit.DAYS.between(
                start.toLocalDate(), end.withZoneSameInstant(zone).toLocalDate());
        return Math.toIntExact(Math.max(1, days));
    }

    /** The part for day {@code i}, counted from 0. */
    public BigDecimal part(int i) {
        if (i < 0 || i >= days) {
            throw new IllegalArgumentException("day " + i + " is outside 0.." + (days - 1));
        }
        return partsUpTo(i + 1).subtract(partsUpTo(i));
    }

    /** All parts in day order; they add up to {@link #price()}. */
    public List<BigDecimal> parts() {
        List<BigDecimal> parts = new ArrayList<>(days);
        BigDecimal before = partsUpTo(0);
        for (int k = 1; k <= days; k++) {
            BigDecimal upTo = partsUpTo(k);
            parts.add(upTo.subtract(before));
            before = upTo;
        }
        return List.copyOf(parts);
    }

    /**
     * The sum of the first {@code daysUsed} parts, {@code round(price × daysUsed / N)}: 0 for no
     * day, the whole price for all of them.
     */
    public BigDecimal partsUpTo(int daysUsed) {
        if (daysUsed < 0 || daysUsed > days) {
            throw new IllegalArgumentException("days used " + daysUsed + " is outside 0.." + days);
        }
        return price.multiply(BigDecimal.valueOf(daysUsed))
                .divide(BigDecimal.valueOf(days), price.scale(), RoundingMode.HALF_UP);
    }

    /** {@code amount} at the currency's minor units; refuses a negative or too precise amount. */
    static BigDecimal atMinorUnits(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "price");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(
                    currency + " has no minor units to round to; use a real currency such as RUB");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(
                    "price " + amount.toPlainString() + " is negative; give a price of 0 or more");
        }
        try {
            return amount.setScale(digits, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "price " + amount.toPlainString() + " has more decimals than " + currency + " allows (" + digits
                            + "); round it first, e.g. "
                            + amount.setScale(digits, RoundingMode.HALF_UP).toPlainString(),
                    e);
        }
    }
}
