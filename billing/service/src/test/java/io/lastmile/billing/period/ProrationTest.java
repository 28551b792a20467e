package io.lastmile.billing.period;

import static io.lastmile.billing.period.Proration.Granularity.DAY;
import static io.lastmile.billing.period.Proration.Granularity.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.billing.period.Proration.Granularity;
import io.lastmile.billing.period.Proration.Split;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProrationTest {

    private static final Currency RUB = Currency.getInstance("RUB");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long SEED = Long.getLong("lastmile.period.seed", 20_260_401L);

    private static final ZonedDateTime APRIL = at("2026-04-01T00:00", MOSCOW);
    private static final ZonedDateTime MAY = at("2026-05-01T00:00", MOSCOW);

    private static ZonedDateTime at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone);
    }

    private static BigDecimal keptInApril(String price, String stoppedAt, Granularity granularity) {
        return Proration.kept(new BigDecimal(price), APRIL, MAY, at(stoppedAt, MOSCOW), granularity, RUB);
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void refundsUnusedDaysWhenAMonthIsStoppedOnTheThirdOfApril(Granularity granularity) {
        Split split =
                Proration.split(new BigDecimal("900.00"), APRIL, MAY, at("2026-04-03T00:00", MOSCOW), granularity, RUB);
        assertThat(split).isEqualTo(new Split(new BigDecimal("60.00"), new BigDecimal("840.00")));
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void keepsNothingWhenStoppedAtOrBeforeTheStart(Granularity granularity) {
        assertThat(keptInApril("900", "2026-04-01T00:00", granularity)).isEqualTo(new BigDecimal("0.00"));
        assertThat(keptInApril("900", "2026-03-15T00:00", granularity)).isEqualTo(new BigDecimal("0.00"));
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void keepsEverythingWhenStoppedAtOrAfterTheEnd(Granularity granularity) {
        assertThat(keptInApril("900", "2026-05-01T00:00", granularity)).isEqualTo(new BigDecimal("900.00"));
        assertThat(Proration.split(new BigDecimal("900"), APRIL, MAY, at("2026-06-01T00:00", MOSCOW), granularity, RUB))
                .isEqualTo(new Split(new BigDecimal("900.00"), new BigDecimal("0.00")));
    }

    @Test
    void countsAStartedDayAsUsedForDailyTariffs() {
        assertThat(keptInApril("900", "2026-04-01T00:00:01", DAY)).isEqualTo(new BigDecimal("30.00"));
        assertThat(keptInApril("900", "2026-04-02T23:59:59", DAY)).isEqualTo(new BigDecimal("60.00"));
        assertThat(keptInApril("900", "2026-04-03T00:00:01", DAY)).isEqualTo(new BigDecimal("90.00"));
        assertThat(keptInApril("900", "2026-04-30T23:59:59", DAY)).isEqualTo(new BigDecimal("900.00"));
    }

    @Test
    void keepsExactlyTheDailyChargesOfTheDaysThatStarted() {
        ZonedDateTime march = at("2026-03-01T00:00", MOSCOW);
        ZonedDateTime april = at("2026-04-01T00:00", MOSCOW);
        DailySplit daily = DailySplit.of(new BigDecimal("1000"), march, april, RUB);
        List<BigDecimal> parts = daily.parts();
        BigDecimal charged = BigDecimal.ZERO;
        for (int day = 0; day < 31; day++) {
            charged = charged.add(parts.get(day));
            ZonedDateTime stoppedAt = march.plusDays(day).plusHours(12);
            assertThat(Proration.kept(new BigDecimal("1000"), march, april, stoppedAt, DAY, RUB))
                    .as("stopped on day %d", day)
                    .isEqualTo(charged);
        }
    }

    @Test
    void countsDailyTariffDaysFromTheTimeOfPurchase() {
        ZonedDateTime start = at("2026-04-01T14:30", MOSCOW);
        ZonedDateTime end = ServicePeriod.parse("P1M").end(start, 1, MonthStyle.CALENDAR);
        BigDecimal price = new BigDecimal("900");
        assertThat(Proration.kept(price, start, end, at("2026-04-02T14:29", MOSCOW), DAY, RUB))
                .isEqualTo(new BigDecimal("30.00"));
        assertThat(Proration.kept(price, start, end, at("2026-04-02T14:30", MOSCOW), DAY, RUB))
                .isEqualTo(new BigDecimal("30.00"));
        assertThat(Proration.kept(price, start, end, at("2026-04-02T14:31", MOSCOW), DAY, RUB))
                .isEqualTo(new BigDecimal("60.00"));
    }

    @Test
    void startsADailyTariffDayWhenTheLocalClockReachesItAcrossTheDstGap() {
        ZonedDateTime start = at("2026-03-28T02:30", BERLIN);
        ZonedDateTime end = ServicePeriod.parse("P10D").end(start, 1, MonthStyle.CALENDAR);
        BigDecimal price = new BigDecimal("100");
        ZonedDateTime secondDay = at("2026-03-29T03:00", BERLIN);
        assertThat(Proration.kept(price, start, end, secondDay, DAY, RUB)).isEqualTo(new BigDecimal("10.00"));
        assertThat(Proration.kept(price, start, end, secondDay.plusSeconds(1), DAY, RUB))
                .isEqualTo(new BigDecimal("20.00"));
    }

    @Test
    void proratesMonthlyTariffsBySecondsAndRoundsHalfUp() {
        ZonedDateTime march = at("2026-03-01T00:00", MOSCOW);
        ZonedDateTime april = at("2026-04-01T00:00", MOSCOW);
        Split split =
                Proration.split(new BigDecimal("1000"), march, april, at("2026-03-02T12:00", MOSCOW), SECOND, RUB);
        assertThat(split).isEqualTo(new Split(new BigDecimal("48.39"), new BigDecimal("951.61")));
    }

    @Test
    void measuresSecondsInRealTimeSoTheShortDstDayWeighsTwentyThreeHours() {
        ZonedDateTime march = at("2026-03-01T00:00", BERLIN);
        ZonedDateTime april = at("2026-04-01T00:00", BERLIN);
        assertThat(Proration.kept(new BigDecimal("743"), march, april, at("2026-03-30T00:00", BERLIN), SECOND, RUB))
                .isEqualTo(new BigDecimal("695.00"));
    }

    @Test
    void comparesInstantsWhenTheStopIsGivenInAnotherZone() {
        ZonedDateTime stoppedAt = at("2026-04-03T00:00", MOSCOW).withZoneSameInstant(ZoneOffset.UTC);
        assertThat(Proration.kept(new BigDecimal("900"), APRIL, MAY, stoppedAt, DAY, RUB))
                .isEqualTo(new BigDecimal("60.00"));
    }

    @Test
    void keepsWholeYenForACurrencyWithoutMinorUnits() {
        assertThat(Proration.split(new BigDecimal("1000"), APRIL, MAY, at("2026-04-02T00:00", MOSCOW), SECOND, JPY))
                .isEqualTo(new Split(new BigDecimal("33"), new BigDecimal("967")));
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStartsOrANegativePrice() {
        assertThatThrownBy(() -> Proration.kept(BigDecimal.TEN, MAY, APRIL, MAY, SECOND, RUB))
                .hasMessageContaining("is not after its start");
        assertThatThrownBy(() -> Proration.kept(new BigDecimal("-10"), APRIL, MAY, MAY, SECOND, RUB))
                .hasMessageContaining("is negative");
    }

    @Test
    void neverKeepsMoreThanThePriceAndAlwaysAddsUpForRandomStops() {
        Random random = new Random(SEED);
        List<ZoneId> zones = List.of(MOSCOW, BERLIN, ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"));
        List<ServicePeriod> periods = List.of(
                ServicePeriod.parse("P1M"),
                ServicePeriod.parse("P3M"),
                ServicePeriod.parse("P1Y"),
                ServicePeriod.parse("P10D"),
                ServicePeriod.parse("P1D"),
                ServicePeriod.parse("PT12H"),
                ServicePeriod.parse("P1DT12H"),
                ServicePeriod.parse("P1M10D"));
        ZonedDateTime base = at("2026-01-01T00:00", ZoneOffset.UTC);
        for (int c = 0; c < 10_000; c++) {
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            ZonedDateTime anchor =
                    base.plusMinutes(random.nextInt(3 * 366 * 24 * 60)).withZoneSameInstant(zone);
            ServicePeriod period = periods.get(random.nextInt(periods.size()));
            MonthStyle style = MonthStyle.values()[random.nextInt(2)];
            long n = 1 + random.nextInt(24);
            ZonedDateTime start = period.start(anchor, n, style);
            ZonedDateTime end = period.end(anchor, n, style);
            BigDecimal price = BigDecimal.valueOf(1 + random.nextLong(10_000_000), 2);
            long span = end.toEpochSecond() - start.toEpochSecond() + 4 * 86_400L;
            ZonedDateTime first = start.minusDays(2).plusSeconds(random.nextLong(span));
            ZonedDateTime second = first.plusSeconds(random.nextLong(span));
            for (Granularity granularity : Granularity.values()) {
                String why = "seed " + SEED + ", case " + c + ": " + price + " for " + period + " " + style + " from "
                        + start + " to " + end + ", " + granularity + ", stopped at " + first + " / " + second;
                Split early = Proration.split(price, start, end, first, granularity, RUB);
                Split later = Proration.split(price, start, end, second, granularity, RUB);
                assertThat(early.kept()).as(why).isBetween(BigDecimal.ZERO, price);
                assertThat(early.kept().add(early.refund())).as(why).isEqualTo(price);
                assertThat(later.kept().add(later.refund())).as(why).isEqualTo(price);
                assertThat(later.kept()).as(why).isGreaterThanOrEqualTo(early.kept());
            }
        }
    }
}
