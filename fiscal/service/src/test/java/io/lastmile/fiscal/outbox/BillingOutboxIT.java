package io.lastmile.fiscal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FakeBilling;
import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.BookingResult.Outcome;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(PostgresExtension.class)
@SpringBootTest(
        classes = FiscalApplication.class,
        properties = {
            "lastmile.fiscal.outbox.interval=200ms",
            "lastmile.fiscal.outbox.first-retry=100ms",
            "lastmile.fiscal.outbox.max-retry=300ms"
        })
@Import(TestPeers.class)
class BillingOutboxIT {

    static final FakeBilling BILLING = start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
        registry.add("lastmile.fiscal.billing.url", BILLING::url);
    }

    @AfterAll
    static void stop() {
        BILLING.close();
    }

    @Autowired
    PaymentBook book;

    @Autowired
    DSLContext db;

    @Test
    void creditsTheSameNotificationDeliveredFiftyTimesInParallelOnceInBilling() throws Exception {
        BILLING.add(200, "C-200", "RUB");
        IncomingPayment p = payment("t-200", "C-200", "99.90");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<BookingResult>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> book.receive(p)));
        }
        for (Future<BookingResult> f : results) {
            assertThat(f.get().accepted()).isTrue();
        }
        pool.shutdown();

        await(() -> "CREDITED".equals(state("test:t-200")));
        assertThat(db.fetchValue("select count(*) from payment where contract = 'C-200'"))
                .isEqualTo(1L);
        assertThat(db.fetchValue("select count(*) from billing_outbox o join payment p on p.id = o.payment_id"
                        + " where p.contract = 'C-200'"))
                .isEqualTo(1L);
        assertThat(BILLING.entries).containsKey("test:t-200");
        assertThat(ledgerEntry("test:t-200")).isEqualTo(BILLING.entries.get("test:t-200"));
    }

    @Test
    void creditsEveryPaymentOnceWhenBillingComesBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            BILLING.add(210 + i, "C-21" + i, "RUB");
            assertThat(book.check(payment("warm-" + i, "C-21" + i, "1")).accepted())
                    .isTrue();
        }
        BILLING.down.set(true);
        for (int i = 0; i < 5; i++) {
            assertThat(book.receive(payment("down-" + i, "C-21" + i, "10." + i)).outcome())
                    .isEqualTo(Outcome.BOOKED);
        }
        await(() -> attempts("test:down-4") >= 2);
        assertThat(BILLING.entries).doesNotContainKey("test:down-0");
        assertThat(state("test:down-0")).isEqualTo("PENDING");

        BILLING.down.set(false);
        for (int i = 0; i < 5; i++) {
            String key = "test:down-" + i;
            await(() -> "CREDITED".equals(state(key)));
            assertThat(ledgerEntry(key)).isEqualTo(BILLING.entries.get(key));
        }
        assertThat(BILLING.entries.keySet().stream().filter(k -> k.startsWith("test:down-")))
                .hasSize(5);
    }

    @Test
    void setsAsideAPaymentBillingRefusesAndDoesNotRetryIt() throws Exception {
        BILLING.add(220, "C-220", "RUB");
        BILLING.refusing.add(220L);
        book.receive(payment("t-220", "C-220", "5"));

        await(() -> "REFUSED".equals(state("test:t-220")));
        Thread.sleep(800);

        assertThat(attempts("test:t-220")).isEqualTo(1);
        assertThat((String) db.fetchValue("select o.billing_answer from billing_outbox o join payment p on p.id ="
                        + " o.payment_id where p.payment_key = 'test:t-220'"))
                .contains("422", "closed");
        assertThat(BILLING.entries).doesNotContainKey("test:t-220");
    }

    private String state(String key) {
        return (String) db.fetchValue(
                "select o.state from billing_outbox o join payment p on p.id = o.payment_id where p.payment_key = ?",
                key);
    }

    private int attempts(String key) {
        return (Integer) db.fetchValue(
                "select o.attempts from billing_outbox o join payment p on p.id = o.payment_id where p.payment_key = ?",
                key);
    }

    private Long ledgerEntry(String key) {
        return (Long) db.fetchValue(
                "select o.ledger_entry_id from billing_outbox o join payment p on p.id = o.payment_id"
                        + " where p.payment_key = ?",
                key);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not reached in 20 s");
            }
            Thread.sleep(50);
        }
    }

    private static IncomingPayment payment(String id, String contract, String amount) {
        return new IncomingPayment(
                "test", id, contract, null, new BigDecimal(amount), "RUB", Instant.now(), false, null, null, Map.of());
    }

    private static FakeBilling start() {
        try {
            return new FakeBilling();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
