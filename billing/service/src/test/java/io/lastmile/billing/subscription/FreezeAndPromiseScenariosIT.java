package io.lastmile.billing.subscription;

import static io.lastmile.billing.subscription.ScenarioCalls.lines;
import static io.lastmile.billing.subscription.ScenarioCalls.tryPromise;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.FreezeRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Voluntary freezes and promised payments. Promised payments: at most 500, 5 days, one per 30 days. */
class FreezeAndPromiseScenariosIT extends ScenarioTestBase {

    @Test
    void aFreezeRefundsTheRestChargesItsFeeAndEndsByItselfRestartingTheService() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().freeze(7, 60, "300").create("900");
        s.pay("1300");
        long us = s.order(tariff);
        s.at("2026-04-11T00:00");

        var freeze = s.freeze(us, 10);

        // 20 of April's 30 days unused: 900 × 20/30 = 600 back; the fee is 300 a 30-day month,
        // for 10 days 300 × 10/30 = 100
        assertThat(lines(freeze)).containsExactly("REFUND 600", "CHARGE -100");
        assertThat(s.status(us)).isEqualTo("BLOCKED/FROZEN");
        assertThat(s.service(us).frozenUntil()).isEqualTo(s.instant("2026-04-21T00:00"));

        // money does not end a freeze
        s.at("2026-04-20T23:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/FROZEN");

        // it ends by itself and the service starts a new month from then
        s.at("2026-04-21T00:00");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-04-21T00:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-05-21T00:00"));
        assertThat(s.service(us).frozenUntil()).isNull();
        assertThat(s.ledger())
                .containsExactly("PAYMENT 1300", "CHARGE -900", "REFUND 600", "CHARGE -100", "CHARGE -900");
        // 1300 − 900 + 600 − 100 − 900
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aFreezeThatEndsWithoutMoneyWaitsForItAndAPaymentRestartsTheService() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().freeze(1, 30, null).create("900");
        s.pay("900");
        long us = s.order(tariff);
        s.at("2026-04-11T00:00");
        s.freeze(us, 5);

        // the refund (900 × 20/30 = 600) does not pay a new month of 900 when the freeze ends
        s.at("2026-04-16T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(s.ledger()).containsExactly("PAYMENT 900", "CHARGE -900", "REFUND 600");

        s.at("2026-04-17T10:00").pay("300");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-04-17T10:00"));
        assertThat(s.ledger())
                .containsExactly("PAYMENT 900", "CHARGE -900", "REFUND 600", "PAYMENT 300", "CHARGE -900");
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aFreezeOutsideTheTariffsLimitsOrOfAServiceThatCannotFreezeIsRefused() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long freezable = s.tariff().freeze(7, 60, null).create("900");
        long plain = s.tariff().create("300");
        s.pay("1200");
        long us = s.order(freezable);
        long other = s.order(plain);

        var tooShort = s.tryAct(us, "freeze", new FreezeRequest(6));
        var tooLong = s.tryAct(us, "freeze", new FreezeRequest(61));
        var notFreezable = s.tryAct(other, "freeze", new FreezeRequest(10));

        assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooShort.getBody()).contains("7 to 60");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notFreezable.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // an operator-blocked service cannot be frozen either
        s.act(us, "block");
        var blocked = s.tryAct(us, "freeze", new FreezeRequest(10));
        assertThat(blocked.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // nothing was refunded or charged by the refusals; the block gave back all of April (at its start)
        assertThat(s.ledger()).containsExactly("PAYMENT 1200", "CHARGE -900", "CHARGE -300", "REFUND 900");
        assertThat(s.status(us)).isEqualTo("BLOCKED/OPERATOR");
        assertThat(s.status(other)).isEqualTo("ACTIVE");
        s.act(other, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aFreezeCannotEndBeforeItsMinimumAndAfterItRestartsFromTheActivation() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().freeze(7, 60, null).create("900");
        s.pay("1800");
        long us = s.order(tariff);
        s.at("2026-04-11T00:00");
        s.freeze(us, 30);

        // at least 7 days: from 18 April
        s.at("2026-04-15T00:00");
        var early = s.tryAct(us, "activate", null);
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(early.getBody()).contains("7 days");
        assertThat(s.status(us)).isEqualTo("BLOCKED/FROZEN");

        s.at("2026-04-18T00:00");
        var activate = s.act(us, "activate");

        assertThat(lines(activate)).containsExactly("CHARGE -900");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-04-18T00:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-05-18T00:00"));
        // freeze on 11 April: 900 × 20/30 = 600 back, no fee
        assertThat(s.ledger()).containsExactly("PAYMENT 1800", "CHARGE -900", "REFUND 600", "CHARGE -900");
        assertThat(s.balance()).isEqualByComparingTo("600");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aPromisedPaymentStartsAnUnpaidServiceAndIsTakenBackAtItsEnd() {
        Scenario s = story(MOSCOW, "2026-06-01T10:00");
        long tariff = s.tariff().create("400");
        long us = s.order(tariff);
        assertThat(s.status(us)).isEqualTo("NOT_PAID");

        s.promise("400", 5);

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.ledger()).containsExactly("PROMISED_PAYMENT 400", "CHARGE -400");

        // taken back after 5 days; the month it paid for runs on (it was charged), in debt
        s.at("2026-06-06T10:00");
        assertThat(s.ledger()).containsExactly("PROMISED_PAYMENT 400", "CHARGE -400", "PROMISED_PAYMENT_RETURN -400");
        assertThat(s.balance()).isEqualByComparingTo("-400");
        assertThat(s.status(us)).isEqualTo("ACTIVE");

        // at the month's end there is no money for the next: blocked; a payment covering the debt
        // and a month restarts it from the payment
        s.at("2026-07-01T10:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        s.at("2026-07-02T09:00").pay("800");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-07-02T09:00"));
        assertThat(s.ledger())
                .containsExactly(
                        "PROMISED_PAYMENT 400",
                        "CHARGE -400",
                        "PROMISED_PAYMENT_RETURN -400",
                        "PAYMENT 800",
                        "CHARGE -400");
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aPromisedPaymentUnblocksAServiceBlockedForMoney() {
        Scenario s = story(MOSCOW, "2026-06-01T00:00");
        long tariff = s.tariff().create("300");
        s.pay("300");
        long us = s.order(tariff);
        s.at("2026-07-01T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");

        s.at("2026-07-03T12:00").promise("300", 3);

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-07-03T12:00"));
        s.at("2026-07-06T12:00");
        assertThat(s.ledger())
                .containsExactly(
                        "PAYMENT 300",
                        "CHARGE -300",
                        "PROMISED_PAYMENT 300",
                        "CHARGE -300",
                        "PROMISED_PAYMENT_RETURN -300");
        assertThat(s.balance()).isEqualByComparingTo("-300");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aSecondPromisedPaymentIsRefusedWhileOneIsOpenAndWithinTheCooldown() {
        Scenario s = story(MOSCOW, "2026-06-01T10:00");
        s.promise("100", 2);

        var whileOpen = tryPromise(admin(), s, "100", 2);
        assertThat(whileOpen.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(whileOpen.getBody()).contains("still open");

        // returned on 3 June; the next is possible 30 days after the first was taken: 1 July 10:00
        s.at("2026-06-04T10:00");
        var inCooldown = tryPromise(admin(), s, "100", 2);
        assertThat(inCooldown.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(inCooldown.getBody()).contains("30 days");

        var tooMuch = tryPromise(admin(), s.at("2026-07-01T10:00"), "600", 2);
        var tooLong = tryPromise(admin(), s, "100", 6);
        assertThat(tooMuch.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        var afterCooldown = tryPromise(admin(), s, "100", 2);
        assertThat(afterCooldown.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(s.ledger())
                .containsExactly("PROMISED_PAYMENT 100", "PROMISED_PAYMENT_RETURN -100", "PROMISED_PAYMENT 100");
        s.at("2026-07-03T10:00");
        s.assertBooksBalance();
    }
}
