package io.lastmile.billing.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DailySplitTest {

    private static final Currency RUB = Currency.getInstance("RUB");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final long SEED = Long.getLong("lastmile.period.seed", 20_260_401L);

    private static DailySplit split(String price, int days) {
        return new DailySplit(new BigDecimal(price), days, RUB);
    }

    private static ZonedDateTime moscow(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), MOSCOW);
    }

    private static BigDecimal sum(List<BigDecimal> parts) {
        return parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void splitsNineHundredOverThirtyDaysIntoEqualParts() {
        DailySplit split = split("900", 30);
        assertThat(split.parts()).hasSize(30).containsOnly(new BigDecimal("30.00"));
        assertThat(sum(split.parts())).isEqualTo(new BigDecimal("900.00"));
        assertThat(split.price()).isEqualTo(new BigDecimal("900.00"));
    }

    @Test
    void carriesTheRoundingSoAThousandOverThirtyOneDaysAddsUpExactly() {
        DailySplit split = split("1000.00", 31);
        List<BigDecimal> parts = split.parts();
        for (int i = 0; i < 31; i++) {
            String expected = List.of(2, 7, 12, 18, 23, 28).contains(i) ? "32.25" : "32.26";
            assertThat(parts.get(i)).as("day %d", i).isEqualTo(new BigDecimal(expected));
            assertThat(split.part(i)).isEqualTo(parts.get(i));
        }
        assertThat(sum(parts)).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void givesTheLeftoverKopeckToTheMiddleDay() {
        assertThat(split("100", 3).parts())
                .containsExactly(new BigDecimal("33.33"), new BigDecimal("33.34"), new BigDecimal("33.33"));
    }

    @Test
    void splitsAtWholeYenForACurrencyWithoutMinorUnits() {
        DailySplit split = new DailySplit(new BigDecimal("1000"), 3, JPY);
        assertThat(split.parts()).containsExactly(new BigDecimal("333"), new BigDecimal("334"), new BigDecimal("333"));
        assertThat(split.partsUpTo(2)).isEqualTo(new BigDecimal("667"));
    }

    @Test
    void putsASingleKopeckOnTheDayWhereHalfThePeriodIsReached() {
        List<BigDecimal> parts = split("0.01", 30).parts();
        assertThat(parts.get(14)).isEqualTo(new BigDecimal("0.01"));
        assertThat(sum(parts)).isEqualTo(new BigDecimal("0.01"));
        assertThat(Collections.frequency(parts, new BigDecimal("0.00"))).isEqualTo(29);
    }

    @Test
    void splitsAFreeTariffIntoZeros() {
        assertThat(split("0", 7).parts()).containsOnly(new BigDecimal("0.00"));
    }

    @Test
    void sumsTheFirstDaysAsTheRoundedShareOfThePrice() {
        DailySplit split = split("100", 3);
        assertThat(split.partsUpTo(0)).isEqualTo(new BigDecimal("0.00"));
        assertThat(split.partsUpTo(1)).isEqualTo(new BigDecimal("33.33"));
        assertThat(split.partsUpTo(2)).isEqualTo(new BigDecimal("66.67"));
        assertThat(split.partsUpTo(3)).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void refusesPricesItCannotSplitExactly() {
        assertThatThrownBy(() -> split("-1.00", 30)).hasMessageContaining("is negative");
        assertThatThrownBy(() -> split("900.005", 30))
                .hasMessageContaining("more decimals than RUB allows (2)")
                .hasMessageContaining("e.g. 900.01");
        assertThatThrownBy(() -> new DailySplit(new BigDecimal("1.5"), 3, JPY))
                .hasMessageContaining("more decimals than JPY allows (0)");
        assertThatThrownBy(() -> new DailySplit(BigDecimal.ONE, 3, Currency.getInstance("XXX")))
                .hasMessageContaining("no minor units");
        assertThatThrownBy(() -> split("900", 0)).hasMessageContaining("at least 1 day");
    }

    @Test
    void refusesDaysOutsideThePeriod() {
        DailySplit split = split("900", 30);
        assertThatThrownBy(() -> split.part(30)).hasMessageContaining("outside 0..29");
        assertThatThrownBy(() -> split.part(-1)).hasMessageContaining("outside 0..29");
        assertThatThrownBy(() -> split.partsUpTo(31)).hasMessageContaining("outside 0..30");
    }

    @Test
    void countsTheLocalCalendarDaysOfAPeriod() {
        assertThat(DailySplit.daysBetween(moscow("2026-04-01T00:00"), moscow("2026-05-01T00:00")))
                .isEqualTo(30);
        assertThat(DailySplit.daysBetween(moscow("2026-02-01T00:00"), moscow("2026-03-01T00:00")))
                .isEqualTo(28);
        assertThat(DailySplit.daysBetween(moscow("2028-02-01T00:00"), moscow("2028-03-01T00:00")))
                .isEqualTo(29);
        assertThat(DailySplit.daysBetween(moscow("2026-01-15T18:00"), moscow("2026-02-15T18:00")))
                .isEqualTo(31);
        ZonedDateTime anchor = moscow("2026-02-01T00:00");
        ZonedDateTime thirtyDayEnd = ServicePeriod.parse("P1M").end(anchor, 1, MonthStyle.THIRTY_DAY);
        assertThat(DailySplit.daysBetween(anchor, thirtyDayEnd)).isEqualTo(30);
    }

    @Test
    void countsDaysOnTheOperatorsClockAcrossDstAndForeignZones() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime march = ZonedDateTime.of(LocalDateTime.parse("2026-03-01T00:00"), berlin);
        ZonedDateTime april = ZonedDateTime.of(LocalDateTime.parse("2026-04-01T00:00"), berlin);
        assertThat(DailySplit.daysBetween(march, april)).isEqualTo(31);
        assertThat(DailySplit.daysBetween(march, april.withZoneSameInstant(ZoneOffset.UTC)))
                .isEqualTo(31);
    }

    @Test
    void countsAPeriodWithinOneDayAsOneDayAndRefusesAnEmptyPeriod() {
        assertThat(DailySplit.daysBetween(moscow("2026-04-01T08:00"), moscow("2026-04-01T20:00")))
                .isEqualTo(1);
        assertThatThrownBy(() -> DailySplit.daysBetween(moscow("2026-04-01T08:00"), moscow("2026-04-01T08:00")))
                .hasMessageContaining("is not after its start");
        assertThat(DailySplit.of(new BigDecimal("900"), moscow("2026-04-01T00:00"), moscow("2026-05-01T00:00"), RUB))
                .isEqualTo(split("900.00", 30));
    }

    @Test
    void partsAlwaysAddUpToThePriceAndNeverGoNegative() {
        Random random = new Random(SEED);
        for (int c = 0; c < 10_000; c++) {
            BigDecimal price = BigDecimal.valueOf(1 + random.nextLong(10_000_000), 2);
            int days = 1 + random.nextInt(366);
            DailySplit split = new DailySplit(price, days, RUB);
            String why = "seed " + SEED + ", case " + c + ": " + price + " over " + days + " days";
            List<BigDecimal> parts = split.parts();
            BigDecimal running = BigDecimal.ZERO.setScale(2);
            BigDecimal previous = split.partsUpTo(0);
            for (int k = 1; k <= days; k++) {
                BigDecimal part = parts.get(k - 1);
                running = running.add(part);
                BigDecimal upTo = split.partsUpTo(k);
                if (part.signum() < 0 || upTo.compareTo(previous) < 0 || !upTo.equals(running)) {
                    throw new AssertionError(why + ": day " + k + " part " + part + ", partsUpTo " + upTo + " after "
                            + previous + ", running sum " + running);
                }
                previous = upTo;
            }
            assertThat(running).as(why).isEqualTo(price);
            int k = random.nextInt(days + 1);
            assertThat(split.partsUpTo(k))
                    .as(why + ", first " + k + " days")
                    .isEqualByComparingTo(sum(parts.subList(0, k)));
        }
    }
}
