package io.lastmile.billing.period;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Objects;

/**
 * What the operator keeps, and what goes back to the subscriber, when a paid period is stopped
 * early. The kept part is at the currency's minor units and {@code kept + refund == price} exactly.
 * Stopping at or before the period's start keeps nothing; at or after its end keeps everything.
 */
public final class Proration {

    /** How finely the used part of a period is measured. */
    public enum Granularity {
        /** Monthly-in-advance tariffs: kept = price × used seconds / period seconds, in real
         * elapsed time (a 23-hour DST day weighs 23 hours), to the nanosecond. */
        SECOND,
        /**
         * Daily tariffs: every started day counts as used, and the kept amount is the sum of those
         * days' {@link DailySplit} parts, so it matches the daily charges to the kopeck. Day {@code
         * i} starts at the period start's local time on the i-th following local date.
         */
        DAY
    }

    /** A price divided at a stop: the part kept by the operator and the part refunded. */
    public record Split(BigDecimal kept, BigDecimal refund) {}

    private Proration() {}

    /**
     * The amount kept when the period {@code [periodStart, periodEnd)} priced at {@code price} is
     * stopped at {@code stoppedAt}; day boundaries are taken in {@code periodStart}'s zone.
     */
    public static BigDecimal kept(
            BigDecimal price,
            ZonedDateTime periodStart,
            ZonedDateTime periodEnd,
            ZonedDateTime stoppedAt,
            Granularity granularity,
            Currency currency) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        BigDecimal whole = DailySplit.atMinorUnits(price, currency);
        int days = DailySplit.daysBetween(periodStart, periodEnd);
        if (!stoppedAt.isAfter(periodStart)) {
            return BigDecimal.ZERO.setScale(whole.scale());
        }
        if (!stoppedAt.isBefore(periodEnd)) {
            return whole;
        }
        return switch (granularity) {
            case SECOND -> bySecond(whole, periodStart, periodEnd, stoppedAt);
            case DAY -> new DailySplit(whole, days, currency).partsUpTo(daysStarted(periodStart, stoppedAt, days));
        };
    }

    /** {@link #kept} and the refund that goes with it, {@code price − kept}. */
    public static Split split(
            BigDecimal price,
            ZonedDateTime periodStart,
            ZonedDateTime periodEnd,
            ZonedDateTime stoppedAt,
            Granularity granularity,
            Currency currency) {
        BigDecimal kept = kept(price, periodStart, periodEnd, stoppedAt, granularity, currency);
        return new Split(kept, DailySplit.atMinorUnits(price, currency).subtract(kept));
    }

    private static BigDecimal bySecond(
            BigDecimal price, ZonedDateTime start, ZonedDateTime end, ZonedDateTime stoppedAt) {
        return price.multiply(seconds(Duration.between(start, stoppedAt)))
                .divide(seconds(Duration.between(start, end)), price.scale(), RoundingMode.HALF_UP);
    }

    /** Exact elapsed seconds, fraction included, so even a sub-second period divides. */
    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    }

    /** How many of the period's days have started before {@code stoppedAt} (1..days). */
    static int daysStarted(ZonedDateTime start, ZonedDateTime stoppedAt, int days) {
        ZoneId zone = start.getZone();
        LocalDateTime from = start.toLocalDateTime();
        long last = ChronoUnit.DAYS.between(
                start.toLocalDate(), stoppedAt.withZoneSameInstant(zone).toLocalDate());
        last = Math.min(Math.max(last, 0), days - 1L);
        while (last < days - 1L && dayStart(from, last + 1, zone, start).isBefore(stoppedAt)) {
            last++;
        }
        while (last > 0 && !dayStart(from, last, zone, start).isBefore(stoppedAt)) {
            last--;
        }
        return Math.toIntExact(last + 1);
    }

    private static ZonedDateTime dayStart(LocalDateTime from, long i, ZoneId zone, ZonedDateTime start) {
        return i == 0 ? start : LocalTimes.firstReached(from.plusDays(i), zone);
    }
}
