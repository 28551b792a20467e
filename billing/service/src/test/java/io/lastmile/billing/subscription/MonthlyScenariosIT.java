package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whole-period monthly tariffs through time: orders, prolongation, early stops, months of every length. */
class MonthlyScenariosIT extends ScenarioTestBase {

    @Test
    void stoppedOnTheThirdOfAprilKeeps60AndRefunds840() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().create("900");
        s.pay("1000");
        long us = s.order(tariff);
        s.at("2026-04-03T00:00");
        s.act(us, "stop");

        assertThat(s.ledger()).containsExactly("PAYMENT 1000", "CHARGE -900", "REFUND 840");
        assertThat(s.status(us)).isEqualTo("REMOVED");
        assertThat(s.balance()).isEqualByComparingTo("940");
        s.assertBooksBalance();
    }

    @Test
    void prolongsContinuouslyWhereThePeriodEnded() {
        Scenario s = story(MOSCOW, "2026-01-15T10:30");
        long tariff = s.tariff().create("500");
        s.pay("1500");
        long us = s.order(tariff);
        s.at("2026-03-20T00:00");

        assertThat(s.ledger()).containsExactly("PAYMENT 1500", "CHARGE -500", "CHARGE -500", "CHARGE -500");
        var view = s.service(us);
        assertThat(view.periodStart()).isEqualTo(s.instant("2026-03-15T10:30"));
        assertThat(view.periodEnd()).isEqualTo(s.instant("2026-04-15T10:30"));
        assertThat(view.status()).isEqualTo("ACTIVE");
        s.assertBooksBalance();
    }

    @Test
    void historyShowsEachPeriodsChargeAndTheProlongationsSomethingListensTo() {
        Scenario s = story(MOSCOW, "2026-01-15T10:30");
        long template = provisioning().template("prolonged", "POST /prolonged/{{ us.id }}");
        long server = provisioning().httpServer("prolongation-hook", "127.0.0.1", 9, null);
        provisioning().bind("PROLONGATE", "listened", template, server, null, 0, 1, 1);
        long listened = s.tariff().category("listened").create("500");
        long quiet = s.tariff().category(QUIET_CATEGORY).create("200");
        s.pay("2100");
        long internet = s.order(listened);
        long nobodyListens = s.order(quiet);
        s.at("2026-03-20T00:00");

        var history = ScenarioCalls.history(admin(), internet);
        assertThat(history)
                .filteredOn(e -> e.event().equals("CHARGE"))
                .extracting(e -> e.detail())
                .containsExactly(
                        "-500.00 RUB for " + s.instant("2026-01-15T10:30") + "/" + s.instant("2026-02-15T10:30"),
                        "-500.00 RUB for " + s.instant("2026-02-15T10:30") + "/" + s.instant("2026-03-15T10:30"),
                        "-500.00 RUB for " + s.instant("2026-03-15T10:30") + "/" + s.instant("2026-04-15T10:30"));
        assertThat(history)
                .filteredOn(e -> e.event().equals("PROLONGATE"))
                .extracting(e -> e.detail())
                .containsExactly("period 2", "period 3");
        // the same periods charged, but no PROLONGATE rows that no command would read
        var quietHistory = ScenarioCalls.history(admin(), nobodyListens);
        assertThat(quietHistory).filteredOn(e -> e.event().equals("CHARGE")).hasSize(3);
        assertThat(quietHistory).noneSatisfy(e -> assertThat(e.event()).isEqualTo("PROLONGATE"));
        assertThat(s.ledger())
                .containsExactly(
                        "PAYMENT 2100",
                        "CHARGE -500",
                        "CHARGE -200",
                        "CHARGE -500",
                        "CHARGE -200",
                        "CHARGE -500",
                        "CHARGE -200");
        s.assertBooksBalance();
    }

    @Test
    void orderWithoutMoneyWaitsAndStartsWhenThePaymentArrives() {
        Scenario s = story(MOSCOW, "2026-05-10T12:00");
        long tariff = s.tariff().create("700");
        s.pay("100");
        long us = s.order(tariff);
        assertThat(s.status(us)).isEqualTo("NOT_PAID");
        assertThat(s.ledger()).containsExactly("PAYMENT 100");

        s.at("2026-05-12T09:00").pay("600");

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.ledger()).containsExactly("PAYMENT 100", "PAYMENT 600", "CHARGE -700");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-05-12T09:00"));
        s.assertBooksBalance();
    }

    @Test
    void thirtyFirstOfJanuaryRunsToTheEndOfFebruaryThenTheThirtyFirstOfMarch() {
        Scenario s = story(MOSCOW, "2026-01-31T00:00");
        long tariff = s.tariff().create("300");
        s.pay("900");
        long us = s.order(tariff);
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-02-28T00:00"));
        s.at("2026-03-01T00:00");
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-03-31T00:00"));
        s.at("2026-04-01T00:00");
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-04-30T00:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 900", "CHARGE -300", "CHARGE -300", "CHARGE -300");
    }

    @Test
    void thirtyDayMonthsEndThirtyDaysLater() {
        Scenario s = story(MOSCOW, "2026-01-31T00:00");
        long tariff = s.tariff().thirtyDayMonths().create("300");
        s.pay("600");
        long us = s.order(tariff);
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-03-02T00:00"));
        s.at("2026-03-02T00:00");
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-04-01T00:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 600", "CHARGE -300", "CHARGE -300");
    }

    @Test
    void noMoneyAtExpiryBlocksAndAPaymentRestartsFromThePayment() {
        Scenario s = story(MOSCOW, "2026-06-01T00:00");
        long tariff = s.tariff().create("400");
        s.pay("400");
        long us = s.order(tariff);
        s.at("2026-07-05T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");

        s.at("2026-07-10T15:00").pay("400");

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-07-10T15:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-08-10T15:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 400", "CHARGE -400", "PAYMENT 400", "CHARGE -400");
    }

    @Test
    void graceKeepsItWorkingIntoDebtThenBlocksAndAPaymentCoveringTheDebtUnblocks() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().grace(2).create("900");
        s.pay("900");
        long us = s.order(tariff);
        s.at("2026-05-02T00:00");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).graceUntil()).isEqualTo(s.instant("2026-05-03T00:00"));

        s.at("2026-05-04T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        // two days of May's 31 used: 900 × 2/31 = 58.06
        assertThat(s.ledger()).containsExactly("PAYMENT 900", "CHARGE -900", "CHARGE -58.06");

        s.pay("900");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        s.pay("58.06");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.assertBooksBalance();
    }

    @Test
    void paymentDuringGraceChargesThePeriodFromWhereTheOldOneEnded() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().grace(3).create("600");
        s.pay("600");
        long us = s.order(tariff);
        s.at("2026-05-02T12:00").pay("600");

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-05-01T00:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 600", "CHARGE -600", "PAYMENT 600", "CHARGE -600");
    }
}
