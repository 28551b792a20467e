package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Two billing clocks running at once (two instances, or a re-run racing a run) charge each period once. */
class TwoClocksIT extends ScenarioTestBase {

    @Autowired
    BillingClock billingClock;

    @Test
    void twoClocksRunningAtOnceChargeEveryPeriodOnce() throws Exception {
        List<Scenario> accounts = new ArrayList<>();
        List<Long> services = new ArrayList<>();
        long tariff = -1;
        for (int i = 0; i < 40; i++) {
            Scenario s = story(MOSCOW, "2027-01-10T08:00");
            if (tariff < 0) {
                tariff = s.tariff().create("250");
            }
            s.pay("1000");
            services.add(s.order(tariff));
            services.add(s.order(tariff));
            accounts.add(s);
        }
        // four months later: three prolongations due for every service, nothing processed yet
        Instant later = accounts.getFirst().instant("2027-05-11T08:00");
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService clocks = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                runs.add(clocks.submit(() -> {
                    start.await();
                    return billingClock.runDue(later);
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        }
        // whatever one clock skipped because the other held it, the other finished
        assertThat(billingClock.runDue(later)).isZero();

        for (Scenario s : accounts) {
            // 1000 pays four periods of two services: 2 × 250 at order, then 2 × 250 at 10 February
            // leaves nothing for March, so both block on 10 March
            assertThat(s.ledger())
                    .containsExactly("PAYMENT 1000", "CHARGE -250", "CHARGE -250", "CHARGE -250", "CHARGE -250");
            s.assertBooksBalance();
        }
        for (long us : services) {
            assertThat(accounts.getFirst().status(us)).isEqualTo("BLOCKED/NO_MONEY");
        }
        Object duplicates = db.fetchValue(
                "SELECT count(*) FROM (SELECT user_service_id, period_start FROM ledger_entry WHERE kind = 'CHARGE' AND reason IS NULL"
                        + " GROUP BY 1, 2 HAVING count(*) > 1) d");
        assertThat(((Number) duplicates).longValue()).isZero();
    }
}
