package io.lastmile.billing.subscription;

import static io.lastmile.billing.db.Tables.SERVICE_PRICE;
import static io.lastmile.billing.subscription.ScenarioCalls.lines;
import static io.lastmile.billing.subscription.ScenarioCalls.order;
import static io.lastmile.billing.subscription.ScenarioCalls.services;
import static io.lastmile.billing.subscription.ScenarioCalls.tryOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.AccountPatch;
import io.lastmile.billing.api.Forecast;
import io.lastmile.billing.api.LedgerEntryView;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Where the money comes from and how much: grace and dunning, operator blocks, bonus points,
 * discounts, credit, price versions, the forecast, dry runs and idempotent orders.
 */
class MoneyScenariosIT extends ScenarioTestBase {

    @Test
    void aPartPaymentInGraceDoesNotProlongTheGraceDaysAreBookedAtTheBlockAndAFullPaymentRestarts() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().grace(5).create("600");
        s.pay("600");
        long us = s.order(tariff);

        // 1 May: no money for May, five days of grace
        s.at("2026-05-03T00:00").pay("300");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).graceUntil()).isEqualTo(s.instant("2026-05-06T00:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 600", "CHARGE -600", "PAYMENT 300");

        // 6 May: 300 does not pay 600; the five grace days of May's 31 are booked,
        // 600 × 5/31 = 96.774… → 96.77, and the service is blocked
        s.at("2026-05-06T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(s.ledger()).containsExactly("PAYMENT 600", "CHARGE -600", "PAYMENT 300", "CHARGE -96.77");
        assertThat(s.balance()).isEqualByComparingTo("203.23");

        // 203.23 + 400 = 603.23 pays a month from the payment
        s.at("2026-05-10T12:00").pay("400");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-05-10T12:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-06-10T12:00"));
        assertThat(s.ledger())
                .containsExactly(
                        "PAYMENT 600", "CHARGE -600", "PAYMENT 300", "CHARGE -96.77", "PAYMENT 400", "CHARGE -600");
        assertThat(s.balance()).isEqualByComparingTo("3.23");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aPaymentInABatchStartsTheServiceThatWaitedForMoneyAtOnce() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().create("600");
        long us = s.order(tariff);
        assertThat(s.status(us)).isEqualTo("NOT_PAID");

        s.at("2026-04-02T10:00").payInBatch("600");

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-04-02T10:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 600", "CHARGE -600");
        s.assertBooksBalance();
    }

    @Test
    void aStopInGraceBooksTheGraceDaysUsed() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().grace(5).create("600");
        s.pay("600");
        long us = s.order(tariff);
        s.at("2026-05-03T00:00");
        assertThat(s.service(us).graceUntil()).isEqualTo(s.instant("2026-05-06T00:00"));

        var stop = s.act(us, "stop");

        // 1 and 2 May were used unpaid: as if the grace had run out now, 600 × 2/31 = 38.709… → 38.71
        // is owed; stopping does not make them free
        assertThat(lines(stop)).containsExactly("CHARGE -38.71");
        assertThat(s.status(us)).isEqualTo("REMOVED");
        assertThat(s.ledger()).containsExactly("PAYMENT 600", "CHARGE -600", "CHARGE -38.71");
        assertThat(s.balance()).isEqualByComparingTo("-38.71");
        s.assertBooksBalance();
    }

    @Test
    void anOperatorBlockInGraceBooksTheGraceDaysUsedAndActivationWaitsForMoney() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().grace(5).create("600");
        s.pay("600");
        long us = s.order(tariff);
        s.at("2026-05-03T12:00");

        s.act(us, "block");

        // two and a half days of May's 31 used unpaid: 600 × 2.5/31 = 48.387… → 48.39
        assertThat(s.ledger()).containsExactly("PAYMENT 600", "CHARGE -600", "CHARGE -48.39");
        assertThat(s.status(us)).isEqualTo("BLOCKED/OPERATOR");

        // lifted without money: the service waits for it, and the payment restarts it from then
        s.at("2026-05-04T00:00").act(us, "activate");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        s.at("2026-05-05T00:00").pay("648.39");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-05-05T00:00"));
        assertThat(s.ledger())
                .containsExactly("PAYMENT 600", "CHARGE -600", "CHARGE -48.39", "PAYMENT 648.39", "CHARGE -600");
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void anOperatorBlockRefundsTheUnusedPartAndActivationRestartsFromNow() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().create("900");
        s.pay("1800");
        long us = s.order(tariff);
        s.at("2026-04-11T00:00");

        var block = s.act(us, "block");

        // 20 of April's 30 days unused: 900 × 20/30 = 600 back
        assertThat(lines(block)).containsExactly("REFUND 600");
        assertThat(s.status(us)).isEqualTo("BLOCKED/OPERATOR");

        // money does not lift an operator's block, and the clock leaves it alone
        s.at("2026-05-02T00:00").pay("100");
        assertThat(s.status(us)).isEqualTo("BLOCKED/OPERATOR");
        assertThat(s.ledger()).containsExactly("PAYMENT 1800", "CHARGE -900", "REFUND 600", "PAYMENT 100");

        s.at("2026-05-05T12:00");
        var activate = s.act(us, "activate");

        assertThat(lines(activate)).containsExactly("CHARGE -900");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-05-05T12:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-06-05T12:00"));
        // 1800 − 900 + 600 + 100 − 900
        assertThat(s.balance()).isEqualByComparingTo("700");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void bonusPaysFirstAndAnEarlyStopGivesBackToBonusAndMoneyInProportion() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().create("900");
        s.bonus("300").pay("1000");
        long us = s.order(tariff);

        // 900 = 300 of bonus + 600 of money
        assertThat(s.ledger()).containsExactly("BONUS_GRANT 300", "PAYMENT 1000", "BONUS_SPEND -300", "CHARGE -600");

        s.at("2026-04-16T00:00");
        s.act(us, "stop");

        // half of April unused: 450 back, split as the month was paid: 450 × 300/900 = 150 to the
        // bonus, the other 300 to the money
        assertThat(s.ledger())
                .containsExactly(
                        "BONUS_GRANT 300",
                        "PAYMENT 1000",
                        "BONUS_SPEND -300",
                        "CHARGE -600",
                        "BONUS_GRANT 150",
                        "REFUND 300");
        assertThat(s.balance()).isEqualByComparingTo("700");
        assertThat(s.account().bonus()).isEqualByComparingTo("150");
        s.assertBooksBalance();
    }

    @Test
    void theAccountsDiscountIsTakenOffTheChargeAndTheRefundComesFromWhatWasPaid() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00", "10", null);
        long tariff = s.tariff().create("999");
        s.pay("1000");
        long us = s.order(tariff);
        s.at("2026-04-11T00:00");

        s.act(us, "stop");

        // 999 less 10 % = 899.10; 10 of 30 days used: kept 899.10 × 10/30 = 299.70, refund 599.40
        assertThat(s.ledger()).containsExactly("PAYMENT 1000", "CHARGE -899.1", "REFUND 599.4");
        assertThat(s.balance()).isEqualByComparingTo("700.30");
        s.assertBooksBalance();
    }

    @Test
    void aDiscountGivenMidPeriodAppliesFromTheNextCharge() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().create("900");
        s.pay("2000");
        long us = s.order(tariff);

        // the paid month is not re-priced; May's charge is 900 less 25 % = 675
        s.at("2026-04-10T00:00")
                .patch(new AccountPatch(
                        null, null, null, null, null, null, null, null, new BigDecimal("25"), null, null, null));
        s.at("2026-05-01T00:00");

        assertThat(s.ledger()).containsExactly("PAYMENT 2000", "CHARGE -900", "CHARGE -675");
        // 2000 − 900 − 675
        assertThat(s.balance()).isEqualByComparingTo("425");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aCreditLimitLetsAnOrderGoBelowZeroButNoFurther() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00", null, "500");
        long tariff = s.tariff().create("900");
        long extra = s.tariff().create("300");
        s.pay("600");

        // 600 + 500 of credit covers 900: the balance goes to −300
        long us = s.order(tariff);
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.balance()).isEqualByComparingTo("-300");

        // −300 + 500 = 200 of room left, not enough for 300
        long more = s.order(extra);
        assertThat(s.status(more)).isEqualTo("NOT_PAID");

        // May: 200 of room does not pay 900
        s.at("2026-05-01T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(s.ledger()).containsExactly("PAYMENT 600", "CHARGE -900");
        s.assertBooksBalance();
    }

    @Test
    void aRunningSubscriptionKeepsItsPriceUntilItsPeriodEndsThenTakesTheNewVersion() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().create("500");
        s.newPrice(tariff, 2, "600", "2026-04-15T00:00");
        long v1 = priceId(tariff, 1);
        long v2 = priceId(tariff, 2);
        s.pay("1200");
        long us = s.order(tariff);

        // the new price is in force from 15 April, but April was paid at 500
        s.at("2026-04-20T00:00");
        assertThat(s.ledger()).containsExactly("PAYMENT 1200", "CHARGE -500");
        assertThat(s.service(us).priceId()).isEqualTo(v1);

        s.at("2026-05-01T00:00");
        assertThat(s.ledger()).containsExactly("PAYMENT 1200", "CHARGE -500", "CHARGE -600");
        List<LedgerEntryView> entries = s.entries();
        assertThat(entries.get(1).priceId()).isEqualTo(v1);
        assertThat(entries.get(2).priceId()).isEqualTo(v2);
        assertThat(s.service(us).priceId()).isEqualTo(v2);
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void theForecastListsTheNextThirtyDaysChargesAndWhatIsLeftToPay() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long monthly = s.tariff().create("900");
        long daily = s.tariff().daily().create("300");
        s.pay("1300");
        long m = s.order(monthly);
        long d = s.order(daily);
        s.at("2026-04-10T00:00");
        // charged so far: April's 900 and ten April days at 300/30 = 10.00: balance 1300 − 900 − 100 = 300
        assertThat(s.balance()).isEqualByComparingTo("300");

        Forecast f = s.forecast(30);

        // until 10 May: the monthly May (900); the daily 11–30 April, 20 × 10.00 = 200; then 1–9 May
        // at 300/31: round(300 × 9/31) = round(87.096…) = 87.10
        assertThat(f.until()).isEqualTo(s.instant("2026-05-10T00:00"));
        assertThat(f.items())
                .extracting(i -> i.userServiceId() + " "
                        + i.amount().stripTrailingZeros().toPlainString())
                .containsExactly(m + " 900", d + " 200", d + " 87.1");
        assertThat(f.items().get(0).periodStart()).isEqualTo(s.instant("2026-05-01T00:00"));
        assertThat(f.items().get(0).periodEnd()).isEqualTo(s.instant("2026-06-01T00:00"));
        assertThat(f.items().get(1).periodStart()).isEqualTo(s.instant("2026-04-11T00:00"));
        assertThat(f.items().get(1).periodEnd()).isEqualTo(s.instant("2026-05-01T00:00"));
        assertThat(f.items().get(2).periodStart()).isEqualTo(s.instant("2026-05-01T00:00"));
        assertThat(f.items().get(2).periodEnd()).isEqualTo(s.instant("2026-05-10T00:00"));
        // 900 + 200 + 87.10 = 1187.10, less the balance of 300
        assertThat(f.total()).isEqualByComparingTo("1187.10");
        assertThat(f.toPay()).isEqualByComparingTo("887.10");
        assertThat(f.debt()).isEqualByComparingTo("0");
        s.act(m, "stop");
        s.act(d, "stop");
    }

    @Test
    void aDryRunOrderAndADryRunStopShowWhatTheyWouldBookAndChangeNothing() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().create("900");
        s.pay("1000");

        var dryOrder = order(admin(), s, tariff, null, true);

        assertThat(dryOrder.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(dryOrder.getBody().dryRun()).isTrue();
        assertThat(lines(dryOrder.getBody())).containsExactly("CHARGE -900");
        assertThat(dryOrder.getBody().service().status()).isEqualTo("ACTIVE");
        assertThat(services(admin(), s)).isEmpty();
        assertThat(s.ledger()).containsExactly("PAYMENT 1000");

        long us = s.order(tariff);
        s.at("2026-04-11T00:00");
        var dryStop = s.act(us, "stop?dryRun=true");

        // 900 × 20/30 = 600 would come back
        assertThat(dryStop.dryRun()).isTrue();
        assertThat(lines(dryStop)).containsExactly("REFUND 600");
        assertThat(dryStop.service().status()).isEqualTo("REMOVED");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.ledger()).containsExactly("PAYMENT 1000", "CHARGE -900");
        assertThat(s.balance()).isEqualByComparingTo("100");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void anOrderRepeatedWithItsIdempotencyKeyAnswersTheSameServiceAndChargesOnce() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tariff = s.tariff().create("300");
        long other = s.tariff().create("400");
        s.pay("1000");
        String key = UUID.randomUUID().toString();

        var first = order(admin(), s, tariff, key, false);
        var again = order(admin(), s, tariff, key, false);
        var otherService = tryOrder(admin(), s, other, key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().replayed()).isTrue();
        assertThat(again.getBody().service().id())
                .isEqualTo(first.getBody().service().id());
        assertThat(again.getBody().entries()).isEmpty();
        assertThat(otherService.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(otherService.getBody()).contains(key);
        assertThat(services(admin(), s)).hasSize(1);
        assertThat(s.ledger()).containsExactly("PAYMENT 1000", "CHARGE -300");
        s.act(first.getBody().service().id(), "stop");
        s.assertBooksBalance();
    }

    private long priceId(long serviceId, int version) {
        return db.select(SERVICE_PRICE.ID)
                .from(SERVICE_PRICE)
                .where(SERVICE_PRICE.SERVICE_ID.eq(serviceId))
                .and(SERVICE_PRICE.VERSION.eq(version))
                .fetchSingle(r -> r.value1());
    }
}
