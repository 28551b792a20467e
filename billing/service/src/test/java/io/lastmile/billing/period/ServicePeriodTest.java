package io.lastmile.billing.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ServicePeriodTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone);
    }

    private static ZonedDateTime end(String iso, ZonedDateTime anchor, long n) {
        return ServicePeriod.parse(iso).end(anchor, n, MonthStyle.CALENDAR);
    }

    @Test
    void writesItselfAsAnIsoDurationThatParsesBackToTheSamePeriod() {
        ServicePeriod period = new ServicePeriod(18, 10, 12);
        assertThat(period).hasToString("P1Y6M10DT12H");
        assertThat(ServicePeriod.parse(period.toString())).isEqualTo(period);
        assertThat(ServicePeriod.parse("P1DT12H")).isEqualTo(new ServicePeriod(0, 1, 12));
    }

    @Test
    void refusesToBeBuiltZeroOrNegative() {
        assertThatThrownBy(() -> new ServicePeriod(0, 0, 0)).hasMessageContaining("at least one hour");
        assertThatThrownBy(() -> new ServicePeriod(1, -1, 0)).hasMessageContaining("cannot be negative");
    }

    @Test
    void keepsTheAnchorDayOfMonthInsteadOfDriftingToShorterMonths() {
        ZonedDateTime anchor = at("2026-01-31T00:00", MOSCOW);
        assertThat(end("P1M", anchor, 1)).isEqualTo(at("2026-02-28T00:00", MOSCOW));
        assertThat(end("P1M", anchor, 2)).isEqualTo(at("2026-03-31T00:00", MOSCOW));
        assertThat(end("P1M", anchor, 3)).isEqualTo(at("2026-04-30T00:00", MOSCOW));
        assertThat(end("P1M", anchor, 4)).isEqualTo(at("2026-05-31T00:00", MOSCOW));
        assertThat(end("P1M", anchor, 12)).isEqualTo(at("2027-01-31T00:00", MOSCOW));
        assertThat(end("P3M", anchor, 1)).isEqualTo(at("2026-04-30T00:00", MOSCOW));
        assertThat(end("P3M", anchor, 2)).isEqualTo(at("2026-07-31T00:00", MOSCOW));
    }

    @Test
    void endsOnTheLeapDayInALeapYear() {
        assertThat(end("P1M", at("2028-01-31T10:15", MOSCOW), 1)).isEqualTo(at("2028-02-29T10:15", MOSCOW));
        ZonedDateTime leapDay = at("2028-02-29T00:00", MOSCOW);
        assertThat(end("P1Y", leapDay, 1)).isEqualTo(at("2029-02-28T00:00", MOSCOW));
        assertThat(end("P1Y", leapDay, 4)).isEqualTo(at("2032-02-29T00:00", MOSCOW));
    }

    @Test
    void addsMonthsBeforeDays() {
        ZonedDateTime anchor = at("2026-01-31T00:00", MOSCOW);
        assertThat(end("P1M10D", anchor, 1)).isEqualTo(at("2026-03-10T00:00", MOSCOW));
        assertThat(end("P1M10D", anchor, 2)).isEqualTo(at("2026-04-20T00:00", MOSCOW));
    }

    @Test
    void countsEachMonthAsThirtyDaysWhenTheOperatorSellsThirtyDayMonths() {
        ZonedDateTime anchor = at("2026-01-31T00:00", MOSCOW);
        ServicePeriod month = ServicePeriod.parse("P1M");
        assertThat(month.end(anchor, 1, MonthStyle.THIRTY_DAY)).isEqualTo(at("2026-03-02T00:00", MOSCOW));
        assertThat(month.end(anchor, 2, MonthStyle.THIRTY_DAY)).isEqualTo(at("2026-04-01T00:00", MOSCOW));
        assertThat(ServicePeriod.parse("P1Y").end(anchor, 1, MonthStyle.THIRTY_DAY))
                .isEqualTo(anchor.plusDays(360));
        assertThat(ServicePeriod.parse("P1M5DT1H").end(anchor, 1, MonthStyle.THIRTY_DAY))
                .isEqualTo(at("2026-03-07T01:00", MOSCOW));
    }

    @Test
    void periodsFollowEachOtherWithoutGaps() {
        ServicePeriod month = ServicePeriod.parse("P1M");
        ZonedDateTime anchor = at("2026-01-31T12:00", BERLIN);
        assertThat(month.start(anchor, 1, MonthStyle.CALENDAR)).isEqualTo(anchor);
        for (int n = 2; n <= 24; n++) {
            assertThat(month.start(anchor, n, MonthStyle.CALENDAR))
                    .isEqualTo(month.end(anchor, n - 1, MonthStyle.CALENDAR));
            assertThat(month.end(anchor, n, MonthStyle.CALENDAR)).isAfter(month.start(anchor, n, MonthStyle.CALENDAR));
        }
    }

    @Test
    void endsAtLocalMidnightAcrossTheSpringDstChange() {
        ZonedDateTime anchor = at("2026-03-28T00:00", BERLIN);
        ZonedDateTime first = end("P1D", anchor, 1);
        ZonedDateTime second = end("P1D", anchor, 2);
        assertThat(second.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-30T00:00"));
        assertThat(Duration.between(first, second)).isEqualTo(Duration.ofHours(23));
        assertThat(end("P1M", at("2026-03-01T00:00", BERLIN), 1).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2026-04-01T00:00"));
    }

    @Test
    void endsAtLocalMidnightAcrossTheAutumnDstChange() {
        ZonedDateTime anchor = at("2026-10-25T00:00", BERLIN);
        assertThat(Duration.between(anchor, end("P1D", anchor, 1))).isEqualTo(Duration.ofHours(25));
        assertThat(end("P1M", at("2026-10-01T00:00", BERLIN), 1)).isEqualTo(at("2026-11-01T00:00", BERLIN));
    }

    @Test
    void addsHoursOnTheLocalClockSoTwelveHoursCanLastElevenOrThirteen() {
        ZonedDateTime spring = at("2026-03-28T20:00", BERLIN);
        assertThat(end("PT12H", spring, 1)).isEqualTo(at("2026-03-29T08:00", BERLIN));
        assertThat(Duration.between(spring, end("PT12H", spring, 1))).isEqualTo(Duration.ofHours(11));
        ZonedDateTime autumn = at("2026-10-24T20:00", BERLIN);
        assertThat(end("PT12H", autumn, 1)).isEqualTo(at("2026-10-25T08:00", BERLIN));
        assertThat(Duration.between(autumn, end("PT12H", autumn, 1))).isEqualTo(Duration.ofHours(13));
    }

    @Test
    void endsWhenTheLocalClockFirstReachesTheEndTime() {
        ZonedDateTime inGapNextDay = end("P1D", at("2026-03-28T02:30", BERLIN), 1);
        assertThat(inGapNextDay.toOffsetDateTime()).hasToString("2026-03-29T03:00+02:00");
        assertThat(end("P1D", at("2026-03-28T02:30", BERLIN), 2)).isEqualTo(at("2026-03-30T02:30", BERLIN));
        ZonedDateTime twiceNextDay = end("P1D", at("2026-10-24T02:30", BERLIN), 1);
        assertThat(twiceNextDay.toOffsetDateTime()).hasToString("2026-10-25T02:30+02:00");
    }

    @Test
    void periodZeroEndsAtTheAnchorAndNegativePeriodsAreRefused() {
        ZonedDateTime anchor = at("2026-10-25T02:30", BERLIN).withLaterOffsetAtOverlap();
        assertThat(end("P1M", anchor, 0)).isEqualTo(anchor);
        assertThatThrownBy(() -> end("P1M", anchor, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> ServicePeriod.parse("P1M").start(anchor, 0, MonthStyle.CALENDAR))
                .hasMessageContaining("first period is n = 1");
    }

    @Test
    void answersInTheAnchorsZone() {
        assertThat(end("P1M", at("2026-01-15T09:00", MOSCOW), 1).getZone()).isEqualTo(MOSCOW);
    }
}
