package io.lastmile.billing.period;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * How long one paid period of a tariff lasts (a month, three months, a year, ten days, twelve
 * hours), and where the n-th period of a service ends.
 *
 * <p>Periods are continuous and anchored: the n-th period ends at {@code anchor + n × period},
 * computed from the anchor each time rather than by chaining, so a service started on 31 January
 * with {@code P1M} ends on 28 (or 29) February, then 31 March, then 30 April.
 *
 * <p>All arithmetic is on the local wall clock of the anchor's zone (the operator's zone): months,
 * days and also hours are added as local time, so a period keeps ending at the same local time
 * across a DST change. The price of this choice is that a real-time length varies: a
 * {@code PT12H} period that spans the spring-forward night lasts 11 real hours, and a {@code P1D}
 * one 23 hours. A local end time that does not exist or exists twice is resolved by
 * {@link LocalTimes#firstReached}: the first instant the local clock reaches it.
 *
 * @param months whole months (a year is 12); under {@link MonthStyle#THIRTY_DAY} each is 30 days
 * @param days whole local calendar days
 * @param hours whole local hours
 */
public record ServicePeriod(int months, int days, int hours) {

    public ServicePeriod {
        if (months < 0 || days < 0 || hours < 0) {
            throw new IllegalArgumentException("a service period cannot be negative: " + months + " months, " + days
                    + " days, " + hours + " hours; use e.g. P1M");
        }
        if (months == 0 && days == 0 && hours == 0) {
            throw new IllegalArgumentException("a service period must last at least one hour; use e.g. P1M");
        }
    }

    /**
     * Parses an ISO-8601 duration: {@code P1M}, {@code P3M}, {@code P1Y} (12 months), {@code P10D},
     * {@code P2W} (14 days), {@code PT12H}, {@code P1M10D}, {@code P1DT12H}. Letters may be in
     * either case.
     *
     * @throws IllegalArgumentException saying what is wrong (zero, negative, minutes or seconds,
     *     fractions, weeks mixed with other units, units repeated or out of order, unknown units)
     *     and giving a valid example
     */
    public static ServicePeriod parse(String iso) {
        return ServicePeriodParser.parse(iso);
    }

    /**
     * The end of the n-th consecutive period counted from {@code anchor}, in the anchor's zone.
     * {@code n = 1} is the end of the first period; {@code n = 0} is the anchor itself, so the n-th
     * period runs from {@code end(anchor, n - 1, style)} to {@code end(anchor, n, style)}.
     */
    public ZonedDateTime end(ZonedDateTime anchor, long n, MonthStyle style) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(style, "style");
        if (n < 0) {
            throw new IllegalArgumentException("period number " + n + " is negative; the first period is n = 1");
        }
        if (n == 0) {
            return anchor;
        }
        LocalDateTime local = anchor.toLocalDateTime();
        long totalDays = Math.multiplyExact(n, (long) days);
        if (style == MonthStyle.CALENDAR) {
            local = local.plusMonths(Math.multiplyExact(n, (long) months));
        } else {
            totalDays = Math.addExact(totalDays, Math.multiplyExact(n, 30L * months));
        }
        local = local.plusDays(totalDays).plusHours(Math.multiplyExact(n, (long) hours));
        return LocalTimes.firstReached(local, anchor.getZone());
    }

    /** The start of the n-th period ({@code n >= 1}): the end of the one before it. */
    public ZonedDateTime start(ZonedDateTime anchor, long n, MonthStyle style) {
        if (n < 1) {
            throw new IllegalArgumentException("period number " + n + " is not positive; the first period is n = 1");
        }
        return end(anchor, n - 1, style);
    }

    /** The ISO-8601 form, with whole years folded out of the months: {@code P1Y6M10DT12H}. */
    @Override
    public String toString() {
        StringBuilder iso = new StringBuilder("P");
        if (months >= 12) {
            iso.append(months / 12).append('Y');
        }
        if (months % 12 != 0) {
            iso.append(months % 12).append('M');
        }
        if (days > 0) {
            iso.append(days).append('D');
        }
        if (hours > 0) {
            iso.append('T').append(hours).append('H');
        }
        return iso.toString();
    }
}
