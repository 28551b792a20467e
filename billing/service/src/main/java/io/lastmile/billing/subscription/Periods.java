package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Tariff;
import io.lastmile.billing.period.DailySplit;
import io.lastmile.billing.period.MonthStyle;
import io.lastmile.billing.period.ServicePeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Currency;

/** Period and day boundaries of a user service, in its account's time zone. */
final class Periods {

    private static final ServicePeriod DAY = new ServicePeriod(0, 1, 0);

    /** A span of time: a period, or one day of a daily tariff. */
    record Span(Instant start, Instant end) {}

    private Periods() {}

    /** The n-th period counted from {@code anchor}. */
    static Span period(Tariff t, ZoneId zone, Instant anchor, int n) {
        ZonedDateTime a = anchor.atZone(zone);
        return new Span(
                t.period().start(a, n, t.monthStyle()).toInstant(),
                t.period().end(a, n, t.monthStyle()).toInstant());
    }

    /** {@code days} local days after (or, if negative, before) {@code from}. */
    static Instant plusDays(Instant from, ZoneId zone, int days) {
        if (days < 0) {
            return from.atZone(zone).plusDays(days).toInstant();
        }
        return days == 0
                ? from
                : DAY.end(from.atZone(zone), days, MonthStyle.CALENDAR).toInstant();
    }

    /** The period's price cut into daily parts. */
    static DailySplit split(BigDecimal price, Instant start, Instant end, ZoneId zone, String currency) {
        return DailySplit.of(price, start.atZone(zone), end.atZone(zone), Currency.getInstance(currency));
    }

    /** Day {@code i} (from 0) of a period split into {@code days} days. */
    static Span day(Span period, ZoneId zone, int i, int days) {
        Instant start = plusDays(period.start(), zone, i);
        Instant end = i + 1 >= days ? period.end() : plusDays(period.start(), zone, i + 1);
        return new Span(start, end);
    }

    /** Which day of the period starts at {@code dayStart}. */
    static int dayIndex(Span period, ZoneId zone, Instant dayStart) {
        if (!dayStart.isAfter(period.start())) {
            return 0;
        }
        return DailySplit.daysBetween(period.start().atZone(zone), dayStart.atZone(zone));
    }
}
