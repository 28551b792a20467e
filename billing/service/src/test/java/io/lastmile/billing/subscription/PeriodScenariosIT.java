package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Whole-period tariffs against the calendar: February in leap and common years, 31-day months,
 * stops to the second, Berlin's DST changes, and periods of twelve hours and ten days.
 */
class PeriodScenariosIT extends ScenarioTestBase {

    @Test
    void theThirtyFirstOfJanuary2028RunsToTheTwentyNinthOfFebruary() {
        Scenario s = story(MOSCOW, "2028-01-31T00:00");
        long tariff = s.tariff().create("300");
        s.pay("900");
        long us = s.order(tariff);
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2028-02-29T00:00"));

        s.at("2028-02-29T00:00");
        // periods are counted from the anchor, not chained: the second ends on 31 March, not the 29th
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2028-02-29T00:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2028-03-31T00:00"));
        s.at("2028-03-31T00:00");
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2028-04-30T00:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 900", "CHARGE -300", "CHARGE -300", "CHARGE -300");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void stoppedOnTheEleventhOfLeapFebruaryKeepsTenTwentyNinths() {
        Scenario s = story(MOSCOW, "2028-02-01T00:00");
        long tariff = s.tariff().create("870");
        s.pay("870");
        long us = s.order(tariff);
        s.at("2028-02-11T00:00");

        s.act(us, "stop");

        // 1 Feb to 1 Mar 2028 is 29 days, 10 used: kept 870 × 10/29 = 300.00, refund 570.00
        assertThat(s.ledger()).containsExactly("PAYMENT 870", "CHARGE -870", "REFUND 570");
        assertThat(s.status(us)).isEqualTo("REMOVED");
        assertThat(s.balance()).isEqualByComparingTo("570");
        s.assertBooksBalance();
    }

    @Test
    void stoppedOnTheEleventhOfFebruary2027KeepsTenTwentyEighths() {
        Scenario s = story(MOSCOW, "2027-02-01T00:00");
        long tariff = s.tariff().create("840");
        s.pay("840");
        long us = s.order(tariff);
        s.at("2027-02-11T00:00");

        s.act(us, "stop");

        // 1 Feb to 1 Mar 2027 is 28 days, 10 used: kept 840 × 10/28 = 300.00, refund 540.00
        assertThat(s.ledger()).containsExactly("PAYMENT 840", "CHARGE -840", "REFUND 540");
        assertThat(s.status(us)).isEqualTo("REMOVED");
        s.assertBooksBalance();
    }

    @Test
    void aThirtyOneDayMonthIsRefundedByThirtyFirsts() {
        Scenario s = story(MOSCOW, "2026-07-01T00:00");
        long tariff = s.tariff().create("3100");
        s.pay("3100");
        long us = s.order(tariff);
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-08-01T00:00"));
        s.at("2026-07-11T00:00");

        s.act(us, "stop");

        // 10 of July's 31 days used: kept 3100 × 10/31 = 1000.00, refund 2100.00
        assertThat(s.ledger()).containsExactly("PAYMENT 3100", "CHARGE -3100", "REFUND 2100");
        s.assertBooksBalance();
    }

    @Test
    void anEarlyStopIsRefundedToTheSecond() {
        Scenario s = story(MOSCOW, "2026-07-01T00:00");
        long tariff = s.tariff().create("3000");
        s.pay("3000");
        long us = s.order(tariff);
        s.at("2026-07-16T12:34:56");

        s.act(us, "stop");

        // used 15 d 12:34:56 = 1 296 000 + 45 296 = 1 341 296 s of July's 31 × 86 400 = 2 678 400 s:
        // kept 3000 × 1 341 296 / 2 678 400 = 1502.3476… → 1502.35, refund 3000 − 1502.35 = 1497.65
        assertThat(s.ledger()).containsExactly("PAYMENT 3000", "CHARGE -3000", "REFUND 1497.65");
        assertThat(s.service(us).removedAt()).isEqualTo(s.instant("2026-07-16T12:34:56"));
        s.assertBooksBalance();
    }

    @Test
    void aMonthAcrossBerlinsSpringForwardEndsAtTheSameLocalTimeAndIsProratedInRealHours() {
        Scenario s = story(BERLIN, "2026-03-15T10:00");
        long tariff = s.tariff().create("743");
        s.pay("743");
        long us = s.order(tariff);

        // 15 March 10:00 CET to 15 April 10:00 CEST: 31 days less the hour skipped on 29 March
        var view = s.service(us);
        assertThat(view.periodEnd()).isEqualTo(s.instant("2026-04-15T10:00"));
        assertThat(Duration.between(view.periodStart(), view.periodEnd())).isEqualTo(Duration.ofHours(743));

        s.at("2026-03-30T10:00");
        s.act(us, "stop");

        // used: 15 days less that hour = 359 h of 743 h: kept 743 × 359/743 = 359.00, refund 384.00
        assertThat(s.ledger()).containsExactly("PAYMENT 743", "CHARGE -743", "REFUND 384");
        s.assertBooksBalance();
    }

    @Test
    void aMonthAcrossBerlinsFallBackIsAnHourLongerAndTheNextStartsAtTheSameLocalTime() {
        Scenario s = story(BERLIN, "2026-10-10T10:00");
        long tariff = s.tariff().create("745");
        s.pay("1490");
        long us = s.order(tariff);

        // 10 October 10:00 CEST to 10 November 10:00 CET: 31 days and the hour repeated on 25 October
        var first = s.service(us);
        assertThat(first.periodEnd()).isEqualTo(s.instant("2026-11-10T10:00"));
        assertThat(Duration.between(first.periodStart(), first.periodEnd())).isEqualTo(Duration.ofHours(745));

        s.at("2026-11-10T10:00");
        var second = s.service(us);
        assertThat(second.periodStart()).isEqualTo(s.instant("2026-11-10T10:00"));
        assertThat(second.periodEnd()).isEqualTo(s.instant("2026-12-10T10:00"));

        s.at("2026-11-25T22:00");
        s.act(us, "stop");
        // 15.5 of the 30 days of the second period used: kept 745 × 15.5/30 = 384.916… → 384.92,
        // refund 745 − 384.92 = 360.08
        assertThat(s.ledger()).containsExactly("PAYMENT 1490", "CHARGE -745", "CHARGE -745", "REFUND 360.08");
        s.assertBooksBalance();
    }

    @Test
    void twelveHourPeriodsRunBackToBackAndAStopRefundsTheRestOfTheHalfDay() {
        Scenario s = story(MOSCOW, "2026-05-01T08:00");
        long tariff = s.tariff().period("PT12H").create("100");
        s.pay("300");
        long us = s.order(tariff);
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-05-01T20:00"));

        // 08:00, 20:00 and 08:00 the next day: three periods of 100
        s.at("2026-05-02T14:00");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-05-02T08:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-05-02T20:00"));

        s.act(us, "stop");
        // 6 of the 12 hours used: kept 100 × 6/12 = 50.00, refund 50.00
        assertThat(s.ledger()).containsExactly("PAYMENT 300", "CHARGE -100", "CHARGE -100", "CHARGE -100", "REFUND 50");
        assertThat(s.balance()).isEqualByComparingTo("50");
        s.assertBooksBalance();
    }

    @Test
    void tenDayPeriodsProlongEveryTenDaysAndBlockWhenTheMoneyEnds() {
        Scenario s = story(MOSCOW, "2026-06-01T00:00");
        long tariff = s.tariff().period("P10D").create("100");
        s.pay("250");
        long us = s.order(tariff);
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-06-11T00:00"));

        s.at("2026-06-13T12:00");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-06-11T00:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-06-21T00:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 250", "CHARGE -100", "CHARGE -100");

        // 50 left does not cover the third period
        s.at("2026-06-21T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(s.ledger()).containsExactly("PAYMENT 250", "CHARGE -100", "CHARGE -100");
        assertThat(s.balance()).isEqualByComparingTo("50");
        s.assertBooksBalance();
    }
}
