package io.lastmile.billing.subscription;

import static io.lastmile.billing.subscription.ScenarioCalls.repeat;
import static io.lastmile.billing.subscription.ScenarioCalls.withCharges;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.LedgerEntryView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Daily tariffs: a monthly price charged day by day, each day's part carried so that the days of
 * a month add up to its price exactly, in months of every length and across DST nights.
 */
class DailyScenariosIT extends ScenarioTestBase {

    @Test
    void theThirtyOneDaysOfJanuaryAddUpToTheMonthlyPriceExactly() {
        Scenario s = story(MOSCOW, "2026-01-01T00:00");
        long tariff = s.tariff().daily().create("1000");
        s.pay("1000");
        long us = s.order(tariff);

        s.at("2026-01-31T12:00");

        // day i costs round(1000×(i+1)/31) − round(1000×i/31); 1000/31 = 32.258…, so the parts are
        // 32.26 (25 days) and 32.25 (6 days: the 3rd, 8th, 13th, 19th, 24th and 29th):
        // 25 × 32.26 + 6 × 32.25 = 806.50 + 193.50 = 1000.00
        assertThat(s.ledger())
                .containsExactlyElementsOf(withCharges(
                        List.of("PAYMENT 1000"),
                        "32.26 32.26 32.25 32.26 32.26 32.26 32.26 32.25 32.26 32.26 32.26 32.26 32.25 32.26 32.26"
                                + " 32.26 32.26 32.26 32.25 32.26 32.26 32.26 32.26 32.25 32.26 32.26 32.26 32.26"
                                + " 32.25 32.26 32.26"));
        assertThat(s.balance()).isEqualByComparingTo("0");
        assertThat(s.service(us).paidUntil()).isEqualTo(s.instant("2026-02-01T00:00"));

        // February's first day finds no money and the tariff gives no grace: blocked, nothing booked
        s.at("2026-02-01T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(s.ledger()).hasSize(32);
        s.assertBooksBalance();
    }

    @Test
    void theThirtyDaysOfAprilAddUpToTheMonthlyPriceExactly() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().daily().create("1000");
        s.pay("1000");
        long us = s.order(tariff);

        s.at("2026-04-30T23:59");

        // 1000/30 = 33.333…: round(1000×k/30) runs 33.33, 66.67, 100.00, … so every three days are
        // 33.33 + 33.34 + 33.33 = 100.00, and the ten threes make 1000.00
        assertThat(s.ledger())
                .containsExactlyElementsOf(withCharges(List.of("PAYMENT 1000"), repeat("33.33 33.34 33.33", 10)));
        List<LedgerEntryView> entries = s.entries();
        assertThat(entries.getLast().periodStart()).isEqualTo(s.instant("2026-04-30T00:00"));
        assertThat(entries.getLast().periodEnd()).isEqualTo(s.instant("2026-05-01T00:00"));
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.assertBooksBalance();
    }

    @Test
    void februaryOfTheLeapYear2028IsSplitIntoTwentyNineDays() {
        Scenario s = story(MOSCOW, "2028-02-01T00:00");
        long tariff = s.tariff().daily().create("870");
        s.pay("870");
        long us = s.order(tariff);

        s.at("2028-02-29T12:00");

        // 870 / 29 days = 30.00 a day, 29 × 30.00 = 870.00; the 29th is a day like any other
        assertThat(s.ledger()).containsExactlyElementsOf(withCharges(List.of("PAYMENT 870"), repeat("30", 29)));
        assertThat(s.entries().getLast().periodStart()).isEqualTo(s.instant("2028-02-29T00:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2028-03-01T00:00"));
        s.assertBooksBalance();
    }

    @Test
    void februaryOf2027IsSplitIntoTwentyEightDays() {
        Scenario s = story(MOSCOW, "2027-02-01T00:00");
        long tariff = s.tariff().daily().create("870");
        s.pay("870");
        long us = s.order(tariff);

        s.at("2027-02-28T12:00");

        // 870 / 28 = 31.0714…: round(870×k/28) gives 24 days of 31.07 and 4 of 31.08 (the 4th,
        // 11th, 18th and 25th): 24 × 31.07 + 4 × 31.08 = 745.68 + 124.32 = 870.00
        assertThat(s.ledger())
                .containsExactlyElementsOf(withCharges(
                        List.of("PAYMENT 870"),
                        "31.07 31.07 31.07 31.08 31.07 31.07 31.07 31.07 31.07 31.07 31.08 31.07 31.07 31.07"
                                + " 31.07 31.07 31.07 31.08 31.07 31.07 31.07 31.07 31.07 31.07 31.08 31.07 31.07"
                                + " 31.07"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2027-03-01T00:00"));
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.assertBooksBalance();
    }

    @Test
    void graceKeepsChargingDaysIntoDebtThenBlocksAndAPaymentRestartsFromIt() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().daily().grace(2).create("300");
        s.pay("30");
        long us = s.order(tariff);

        // April: 300 / 30 = 10.00 a day; 30 pays 1, 2 and 3 April
        s.at("2026-04-03T12:00");
        assertThat(s.ledger()).containsExactlyElementsOf(withCharges(List.of("PAYMENT 30"), "10 10 10"));

        // 4 April finds no money: two days of grace (4 and 5 April), charged into debt
        s.at("2026-04-05T12:00");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).graceUntil()).isEqualTo(s.instant("2026-04-06T00:00"));
        assertThat(s.balance()).isEqualByComparingTo("-20");

        // 6 April: the grace is over and there is still no money: blocked, 6 April not charged
        s.at("2026-04-06T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(s.ledger()).containsExactlyElementsOf(withCharges(List.of("PAYMENT 30"), "10 10 10 10 10"));

        // 20 only covers the debt; 30 covers the debt and a first day: it restarts from the payment,
        // a new month of 30 days (7 April 12:00 to 7 May 12:00) at 10.00 a day
        s.at("2026-04-07T12:00").pay("20");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        s.pay("10");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-04-07T12:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-05-07T12:00"));
        assertThat(s.ledger())
                .containsExactly(
                        "PAYMENT 30",
                        "CHARGE -10",
                        "CHARGE -10",
                        "CHARGE -10",
                        "CHARGE -10",
                        "CHARGE -10",
                        "PAYMENT 20",
                        "PAYMENT 10",
                        "CHARGE -10");
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aStoppedDailyServiceKeepsTheDaysItStartedAndChargesNoMore() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().daily().create("300");
        s.pay("300");
        long us = s.order(tariff);
        s.at("2026-04-03T15:00");

        var stop = s.act(us, "stop");

        // 1, 2 and 3 April were charged as they began (10.00 each); the 3rd is in use when it
        // stops, so it is kept: a daily tariff gives nothing back
        assertThat(stop.entries()).isEmpty();
        assertThat(s.status(us)).isEqualTo("REMOVED");
        s.at("2026-04-10T00:00");
        assertThat(s.ledger()).containsExactly("PAYMENT 300", "CHARGE -10", "CHARGE -10", "CHARGE -10");
        assertThat(s.balance()).isEqualByComparingTo("270");
        s.assertBooksBalance();
    }

    @Test
    void theSpringForwardDayInBerlinLasts23HoursAndCostsADay() {
        Scenario s = story(BERLIN, "2026-03-01T00:00");
        long tariff = s.tariff().daily().create("310");
        s.pay("310");
        long us = s.order(tariff);

        s.at("2026-03-30T00:00");

        // March: 310 / 31 = 10.00 a day; days 1 to 30 March have begun: 30 × 10 = 300
        assertThat(s.ledger()).containsExactlyElementsOf(withCharges(List.of("PAYMENT 310"), repeat("10", 30)));
        // 29 March: clocks go from 02:00 to 03:00, the day runs from 00:00 CET to 00:00 CEST
        LedgerEntryView sunday = s.entries().get(29);
        assertThat(sunday.periodStart()).isEqualTo(s.instant("2026-03-29T00:00"));
        assertThat(sunday.periodEnd()).isEqualTo(s.instant("2026-03-30T00:00"));
        assertThat(Duration.between(sunday.periodStart(), sunday.periodEnd())).isEqualTo(Duration.ofHours(23));
        assertThat(s.service(us).paidUntil()).isEqualTo(s.instant("2026-03-31T00:00"));
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void theFallBackDayInBerlinLasts25HoursAndCostsADay() {
        Scenario s = story(BERLIN, "2026-10-01T00:00");
        long tariff = s.tariff().daily().create("310");
        s.pay("310");
        long us = s.order(tariff);

        s.at("2026-10-26T00:00");

        // October: 310 / 31 = 10.00 a day; days 1 to 26 October have begun: 26 × 10 = 260
        assertThat(s.ledger()).containsExactlyElementsOf(withCharges(List.of("PAYMENT 310"), repeat("10", 26)));
        // 25 October: clocks go from 03:00 back to 02:00, the day runs from 00:00 CEST to 00:00 CET
        LedgerEntryView sunday = s.entries().get(25);
        assertThat(sunday.periodStart()).isEqualTo(s.instant("2026-10-25T00:00"));
        assertThat(sunday.periodEnd()).isEqualTo(s.instant("2026-10-26T00:00"));
        assertThat(Duration.between(sunday.periodStart(), sunday.periodEnd())).isEqualTo(Duration.ofHours(25));
        assertThat(s.balance()).isEqualByComparingTo("50");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aDayThatWouldBeginAtAMissingHalfPastTwoBeginsWhenTheClockReachesThree() {
        // days begin at 02:30, the local time of the order; on 29 March Berlin skips 02:00–03:00
        Scenario s = story(BERLIN, "2026-03-28T02:30");
        long tariff = s.tariff().daily().create("310");
        s.pay("310");
        long us = s.order(tariff);
        // 28 March 02:30 to 28 April 02:30 is 31 days: 310 / 31 = 10.00 a day
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-04-28T02:30"));

        s.at("2026-03-29T01:59");
        assertThat(s.ledger()).containsExactly("PAYMENT 310", "CHARGE -10");

        // the second day begins at the first instant the local clock reaches 02:30: 03:00 CEST
        s.at("2026-03-29T03:00");
        assertThat(s.ledger()).containsExactly("PAYMENT 310", "CHARGE -10", "CHARGE -10");
        LedgerEntryView second = s.entries().get(2);
        assertThat(second.periodStart()).isEqualTo(s.instant("2026-03-29T03:00"));
        assertThat(second.periodEnd()).isEqualTo(s.instant("2026-03-30T02:30"));
        s.act(us, "stop");
        s.assertBooksBalance();
    }
}
