package io.lastmile.billing.subscription;

import static io.lastmile.billing.subscription.ScenarioCalls.history;
import static io.lastmile.billing.subscription.ScenarioCalls.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.TariffChange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Tariff changes now and at the period end, bundles, trials with a paid follow-up, services that end. */
class ChangeAndBundleScenariosIT extends ScenarioTestBase {

    @Test
    void aChangeNowRefundsTheUnusedPartAndChargesTheNewTariffFromNow() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long from = s.tariff().create("900");
        long to = s.tariff().create("450");
        s.pay("1500");
        long us = s.order(from);
        s.at("2026-04-11T00:00");

        var change = s.change(us, to);

        // 20 of April's 30 days unused: 900 × 20/30 = 600 back; the new tariff's month starts now
        assertThat(lines(change)).containsExactly("REFUND 600", "CHARGE -450");
        assertThat(s.ledger()).containsExactly("PAYMENT 1500", "CHARGE -900", "REFUND 600", "CHARGE -450");
        var view = s.service(us);
        assertThat(view.serviceId()).isEqualTo(to);
        assertThat(view.status()).isEqualTo("ACTIVE");
        assertThat(view.periodStart()).isEqualTo(s.instant("2026-04-11T00:00"));
        assertThat(view.periodEnd()).isEqualTo(s.instant("2026-05-11T00:00"));
        // 1500 − 900 + 600 − 450
        assertThat(s.balance()).isEqualByComparingTo("750");
        s.assertBooksBalance();
    }

    @Test
    void aChangeAtThePeriodEndKeepsTheOldTariffUntilThenAndChargesTheNewPriceFromIt() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long from = s.tariff().changeAtPeriodEnd().create("900");
        long to = s.tariff().create("450");
        s.pay("1500");
        long us = s.order(from);
        s.at("2026-04-11T00:00");

        var change = s.change(us, to);

        assertThat(change.entries()).isEmpty();
        assertThat(change.service().serviceId()).isEqualTo(from);
        assertThat(change.service().nextServiceId()).isEqualTo(to);

        // on 1 May the next period is the new tariff's, at its price, from where April ended
        s.at("2026-05-01T00:00");
        assertThat(s.ledger()).containsExactly("PAYMENT 1500", "CHARGE -900", "CHARGE -450");
        var view = s.service(us);
        assertThat(view.serviceId()).isEqualTo(to);
        assertThat(view.nextServiceId()).isNull();
        assertThat(view.periodStart()).isEqualTo(s.instant("2026-05-01T00:00"));
        assertThat(view.periodEnd()).isEqualTo(s.instant("2026-06-01T00:00"));
        assertThat(s.entries().getLast().periodStart()).isEqualTo(s.instant("2026-05-01T00:00"));
        // 1500 − 900 − 450
        assertThat(s.balance()).isEqualByComparingTo("150");
        s.assertBooksBalance();
    }

    @Test
    void aChangeAtThePeriodEndTheMoneyDoesNotCoverGetsTheNewTariffsGraceThenBlocks() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long from = s.tariff().changeAtPeriodEnd().create("300");
        long to = s.tariff().grace(3).create("620");
        s.pay("300");
        long us = s.order(from);
        s.at("2026-04-10T00:00");
        s.change(us, to);

        // 1 May: the service moves to the new tariff, whose first month (from 1 May) is not covered:
        // the new tariff's three days of grace
        s.at("2026-05-02T00:00");
        var view = s.service(us);
        assertThat(view.status()).isEqualTo("ACTIVE");
        assertThat(view.serviceId()).isEqualTo(to);
        assertThat(view.graceUntil()).isEqualTo(s.instant("2026-05-04T00:00"));

        // 4 May: still no money; the three grace days of May's 31 at the new price are booked,
        // 620 × 3/31 = 60.00, and the service is blocked
        s.at("2026-05-04T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(s.ledger()).containsExactly("PAYMENT 300", "CHARGE -300", "CHARGE -60");

        // 680 pays the debt of 60 and a month of 620 from the payment
        s.at("2026-05-05T10:00").pay("680");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-05-05T10:00"));
        assertThat(s.ledger())
                .containsExactly("PAYMENT 300", "CHARGE -300", "CHARGE -60", "PAYMENT 680", "CHARGE -620");
        assertThat(s.balance()).isEqualByComparingTo("0");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aChangeAtThePeriodEndPaidInTheNewTariffsGraceRunsFromWhereTheOldPeriodEnded() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long from = s.tariff().changeAtPeriodEnd().create("300");
        long to = s.tariff().grace(3).create("620");
        s.pay("300");
        long us = s.order(from);
        s.at("2026-04-10T00:00");
        s.change(us, to);

        s.at("2026-05-02T12:00").pay("620");

        // the new tariff's first month is 1 May to 1 June, not from the payment
        var view = s.service(us);
        assertThat(view.status()).isEqualTo("ACTIVE");
        assertThat(view.serviceId()).isEqualTo(to);
        assertThat(view.graceUntil()).isNull();
        assertThat(view.periodStart()).isEqualTo(s.instant("2026-05-01T00:00"));
        assertThat(view.periodEnd()).isEqualTo(s.instant("2026-06-01T00:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 300", "CHARGE -300", "PAYMENT 620", "CHARGE -620");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aChangeTheMoneyDoesNotCoverIsRefusedAndChangesNothing() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long from = s.tariff().create("300");
        long to = s.tariff().create("2000");
        s.pay("300");
        long us = s.order(from);
        s.at("2026-04-16T00:00");

        // the refund of the unused half (150) would not pay 2000: refused, the refund is not booked
        var refused = s.tryAct(us, "change", new TariffChange(to));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("2000");
        assertThat(s.ledger()).containsExactly("PAYMENT 300", "CHARGE -300");
        assertThat(s.service(us).serviceId()).isEqualTo(from);
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        s.assertBooksBalance();
    }

    @Test
    void aBundlesPartsAreCreatedActiveAreNotChargedAndFollowTheBundleIntoABlockBackAndOut() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tv = s.tariff().category("tv").create("300");
        long ip = s.tariff().category("ip").create("100");
        long bundle = s.tariff().create("1000");
        TariffFixture.addChild(db, bundle, tv, 1, 1);
        TariffFixture.addChild(db, bundle, ip, 2, 2);
        s.pay("1000");

        long us = s.order(bundle);

        List<Long> parts = s.service(us).children();
        assertThat(parts).hasSize(2);
        assertThat(parts).allSatisfy(p -> {
            assertThat(s.status(p)).isEqualTo("ACTIVE");
            assertThat(s.service(p).parentId()).isEqualTo(us);
        });
        assertThat(s.service(parts.get(0)).serviceId()).isEqualTo(tv);
        assertThat(s.service(parts.get(1)).serviceId()).isEqualTo(ip);
        assertThat(s.service(parts.get(1)).quantity()).isEqualTo(2);
        // only the bundle's price is charged, never its parts'
        assertThat(s.ledger()).containsExactly("PAYMENT 1000", "CHARGE -1000");

        // May finds no money: the bundle and its parts are blocked together
        s.at("2026-05-01T00:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(parts).allSatisfy(p -> assertThat(s.status(p)).isEqualTo("BLOCKED/NO_MONEY"));

        // a payment restarts the bundle from the payment, and the parts with it
        s.at("2026-05-03T10:00").pay("1000");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(parts).allSatisfy(p -> assertThat(s.status(p)).isEqualTo("ACTIVE"));

        // stopped after 15 of the 31 days from 3 May 10:00 to 3 June 10:00:
        // kept 1000 × 15/31 = 483.870… → 483.87, refund 516.13; the parts end with it
        s.at("2026-05-18T10:00");
        s.act(us, "stop");
        assertThat(s.status(us)).isEqualTo("REMOVED");
        assertThat(parts).allSatisfy(p -> assertThat(s.status(p)).isEqualTo("REMOVED"));
        assertThat(s.ledger())
                .containsExactly("PAYMENT 1000", "CHARGE -1000", "PAYMENT 1000", "CHARGE -1000", "REFUND 516.13");
        s.assertBooksBalance();
    }

    @Test
    void anOperatorBlockOfABundleBlocksItsPartsAndActivationBringsThemBack() {
        Scenario s = story(MOSCOW, "2026-04-01T00:00");
        long tv = s.tariff().category("tv").create("300");
        long bundle = s.tariff().create("600");
        TariffFixture.addChild(db, bundle, tv, 1, 1);
        s.pay("1200");
        long us = s.order(bundle);
        long part = s.service(us).children().getFirst();
        s.at("2026-04-16T00:00");

        s.act(us, "block");

        // half of April unused: 600 × 15/30 = 300 back
        assertThat(s.status(us)).isEqualTo("BLOCKED/OPERATOR");
        assertThat(s.status(part)).isEqualTo("BLOCKED/OPERATOR");

        s.at("2026-04-20T00:00");
        s.act(us, "activate");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.status(part)).isEqualTo("ACTIVE");
        assertThat(s.ledger()).containsExactly("PAYMENT 1200", "CHARGE -600", "REFUND 300", "CHARGE -600");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aTrialEndsIntoItsPaidFollowUp() {
        Scenario s = story(MOSCOW, "2026-08-01T12:00");
        long paid = s.tariff().create("500");
        long trial = s.tariff().period("P7D").noRenewal(paid).create("0");
        long us = s.order(trial);

        // a free week: ACTIVE at once, nothing booked
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.ledger()).isEmpty();
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-08-08T12:00"));

        s.at("2026-08-03T09:00").pay("500");
        s.at("2026-08-08T12:00");

        // the paid month runs on from where the trial week ended
        var view = s.service(us);
        assertThat(view.serviceId()).isEqualTo(paid);
        assertThat(view.status()).isEqualTo("ACTIVE");
        assertThat(view.periodStart()).isEqualTo(s.instant("2026-08-08T12:00"));
        assertThat(view.periodEnd()).isEqualTo(s.instant("2026-09-08T12:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 500", "CHARGE -500");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aTrialWithoutMoneyForItsFollowUpWarnsAndEndsBlockedOnThePaidTariff() {
        Scenario s = story(MOSCOW, "2026-08-01T12:00");
        long paid = s.tariff().create("500");
        long trial = s.tariff().period("P7D").noRenewal(paid).create("0");
        long us = s.order(trial);

        // three days before the trial ends the subscriber is told the paid month needs 500
        s.at("2026-08-05T12:00");
        assertThat(history(admin(), us)).anySatisfy(e -> {
            assertThat(e.event()).isEqualTo("NOT_ENOUGH_MONEY");
            assertThat(e.detail()).contains("500");
        });

        // the trial ends without money: the service is on the paid tariff, blocked until paid
        s.at("2026-08-08T12:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        assertThat(s.service(us).serviceId()).isEqualTo(paid);
        assertThat(s.ledger()).isEmpty();

        // paid two days later: the paid month runs from the payment
        s.at("2026-08-10T09:00").pay("500");
        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(s.service(us).periodStart()).isEqualTo(s.instant("2026-08-10T09:00"));
        assertThat(s.service(us).periodEnd()).isEqualTo(s.instant("2026-09-10T09:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 500", "CHARGE -500");
        s.act(us, "stop");
        s.assertBooksBalance();
    }

    @Test
    void aServiceWithoutRenewalEndsRemovedAtItsPeriodEndAndIsNotDunned() {
        Scenario s = story(MOSCOW, "2026-06-01T00:00");
        long once = s.tariff().noRenewal(null).create("200");
        s.pay("200");
        long us = s.order(once);

        s.at("2026-06-29T00:00");
        // no warning: nothing more will be charged, so there is nothing to top up for
        assertThat(history(admin(), us)).noneSatisfy(e -> assertThat(e.event()).isEqualTo("NOT_ENOUGH_MONEY"));

        s.at("2026-07-01T00:00");
        assertThat(s.status(us)).isEqualTo("REMOVED");
        assertThat(s.service(us).removedAt()).isEqualTo(s.instant("2026-07-01T00:00"));
        assertThat(s.ledger()).containsExactly("PAYMENT 200", "CHARGE -200");
        s.at("2026-08-01T00:00");
        assertThat(s.ledger()).containsExactly("PAYMENT 200", "CHARGE -200");
        s.assertBooksBalance();
    }
}
