package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.TrafficChart;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's traffic for charts: by minute (at most 2 days), hour (UTC hours, at most 62 days)
 * or day (days of the account's time zone, at most 1,100 days). {@code from} is rounded down and
 * {@code to} up to whole steps; without them the chart ends now and spans an hour, a day or 31 days.
 */
@Service
class Charts {

    enum Step {
        MINUTE(Duration.ofDays(2), Duration.ofHours(1)),
        HOUR(Duration.ofDays(62), Duration.ofDays(1)),
        DAY(Duration.ofDays(1100), Duration.ofDays(31));

        final Duration longest;
        final Duration usual;

        Step(Duration longest, Duration usual) {
            this.longest = longest;
            this.usual = usual;
        }
    }

    private final ChartRepository charts;
    private final Clock clock;

    Charts(ChartRepository charts, Clock clock) {
        this.charts = charts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    TrafficChart of(long accountId, String fromText, String toText, String stepText) {
        ZoneId zone =
                charts.zoneOf(accountId).orElseThrow(() -> new NotFoundException("no account with id " + accountId));
        var problems = new InvalidRequestException.Collector();
        Step step = step(problems, stepText);
        Instant to = instant(problems, "to", toText, clock.instant());
        Instant from = instant(problems, "from", fromText, to == null || step == null ? null : to.minus(step.usual));
        problems.throwIfAny();
        if (step == Step.DAY) {
            LocalDate first = LocalDate.ofInstant(from, zone);
            LocalDate end = LocalDate.ofInstant(to, zone);
            if (end.atStartOfDay(zone).toInstant().isBefore(to)) {
                end = end.plusDays(1);
            }
            from = first.atStartOfDay(zone).toInstant();
            to = end.atStartOfDay(zone).toInstant();
            check(from, to, step);
            return chart(accountId, step, from, to, zone, charts.days(accountId, first, end, zone));
        }
        ChronoUnit unit = step == Step.MINUTE ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
        from = from.truncatedTo(unit);
        Instant end = to.truncatedTo(unit);
        to = end.equals(to) ? to : end.plus(1, unit);
        check(from, to, step);
        var steps = step == Step.MINUTE ? charts.minutes(accountId, from, to) : charts.hours(accountId, from, to);
        return chart(accountId, step, from, to, zone, steps);
    }

    private static TrafficChart chart(
            long accountId, Step step, Instant from, Instant to, ZoneId zone, List<ChartRepository.Step> steps) {
        List<TrafficChart.Series> series = new ArrayList<>();
        List<TrafficChart.Point> points = new ArrayList<>();
        long bytes = 0;
        long packets = 0;
        for (int i = 0; i < steps.size(); i++) {
            ChartRepository.Step s = steps.get(i);
            points.add(new TrafficChart.Point(s.at(), s.bytes(), s.packets()));
            bytes += s.bytes();
            packets += s.packets();
            boolean last = i + 1 == steps.size()
                    || !steps.get(i + 1).trafficClass().equals(s.trafficClass())
                    || !steps.get(i + 1).direction().equals(s.direction());
            if (last) {
                series.add(new TrafficChart.Series(s.trafficClass(), s.direction(), bytes, packets, points));
                points = new ArrayList<>();
                bytes = 0;
                packets = 0;
            }
        }
        return new TrafficChart(accountId, step.name().toLowerCase(Locale.ROOT), from, to, zone.getId(), series);
    }

    private static void check(Instant from, Instant to, Step step) {
        if (!from.isBefore(to)) {
            throw InvalidRequestException.of("from", "must be before to");
        }
        if (Duration.between(from, to).compareTo(step.longest) > 0) {
            throw InvalidRequestException.of(
                    "to",
                    "a chart by " + step.name().toLowerCase(Locale.ROOT) + " spans at most " + step.longest.toDays()
                            + " days: take a longer step or a shorter span");
        }
    }

    private static Step step(InvalidRequestException.Collector problems, String text) {
        try {
            return text == null ? Step.HOUR : Step.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("step", "must be minute, hour or day");
            return null;
        }
    }

    private static Instant instant(
            InvalidRequestException.Collector problems, String field, String text, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            problems.add(field, "must be an ISO-8601 instant such as 2026-12-07T00:00:00Z");
            return null;
        }
    }
}
