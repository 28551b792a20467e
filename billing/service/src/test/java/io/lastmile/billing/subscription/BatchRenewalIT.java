package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.UserServiceView;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The clock's batch path books exactly what the per-account path books, and leaves the rest to it. */
class BatchRenewalIT extends ScenarioTestBase {

    @Autowired
    BatchRenewal batch;

    @Autowired
    BillingClock billingClock;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void theBatchPathBooksWhatTheAccountPathBooks() {
        Scenario viaBatch = story(BERLIN, "2027-02-27T23:30");
        Scenario viaAccount = story(BERLIN, "2027-02-27T23:30");
        long tariff = viaBatch.tariff().create("333.33");
        long other = viaBatch.tariff().thirtyDayMonths().create("99.99");
        List<Long> batchServices = orderTwo(viaBatch.pay("1000"), tariff, other);
        List<Long> accountServices = orderTwo(viaAccount.pay("1000"), tariff, other);
        // a new price from April: the March period keeps the old one, its successor not yet due
        viaBatch.newPrice(tariff, 2, "350", "2027-04-01T00:00");
        Instant due = viaBatch.instant("2027-03-29T00:00");

        Set<Long> settled =
                transaction.execute(tx -> batch.renew(List.of(viaBatch.accountId), due, new BatchRenewal.RunCatalog()));
        billingClock.runAccount(viaAccount.accountId, due);

        assertThat(settled).containsExactly(viaBatch.accountId);
        assertThat(viaBatch.ledger())
                .isEqualTo(viaAccount.ledger())
                // the calendar month ended on 27 March and is renewed; the 30-day one ends on 29 March
                // at 23:30, so it only took its (quiet) warning step and waits for its end
                .containsExactly("PAYMENT 1000", "CHARGE -333.33", "CHARGE -99.99", "CHARGE -333.33");
        for (int i = 0; i < 2; i++) {
            UserServiceView a = viaBatch.service(batchServices.get(i));
            UserServiceView b = viaAccount.service(accountServices.get(i));
            assertThat(List.of(a.periodStart(), a.periodEnd(), a.priceId(), a.nextStepAt(), a.status()))
                    .isEqualTo(List.of(b.periodStart(), b.periodEnd(), b.priceId(), b.nextStepAt(), b.status()));
        }
        assertThat(viaBatch.service(batchServices.get(1)).nextStepAt()).isEqualTo(viaBatch.instant("2027-03-29T23:30"));
        assertThat(viaBatch.entries().getLast().priceId())
                .isEqualTo(viaAccount.entries().getLast().priceId());
        viaBatch.assertBooksBalance();
    }

    @Test
    void accountsThatNeedDecisionsAreLeftToTheAccountPath() {
        Scenario poor = story(MOSCOW, "2027-06-01T00:00");
        long tariff = poor.tariff().create("500");
        long us = poor.pay("500").order(tariff);
        Instant due = poor.instant("2027-07-01T00:00");

        Set<Long> settled =
                transaction.execute(tx -> batch.renew(List.of(poor.accountId), due, new BatchRenewal.RunCatalog()));

        assertThat(settled).isEmpty();
        assertThat(poor.ledger()).containsExactly("PAYMENT 500", "CHARGE -500");
        assertThat(poor.status(us)).isEqualTo("ACTIVE");
    }

    private static List<Long> orderTwo(Scenario s, long first, long second) {
        return List.of(s.order(first), s.order(second));
    }
}
