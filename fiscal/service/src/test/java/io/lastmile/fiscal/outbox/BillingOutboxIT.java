package io.lastmile.fiscal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FakeBilling;
import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.BookingResult.Outcome;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
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
    void postsWaitingPaymentsInBatchesAndSetsAsideOnlyTheRefusedOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            BILLING.add(250 + i, "C-25" + i, "RUB");
            assertThat(book.check(payment("warm-25" + i, "C-25" + i, "1")).accepted())
                    .isTrue();
        }
        BILLING.refusing.add(252L);
        BILLING.down.set(true);
        for (int i = 0; i < 60; i++) {
            assertThat(book.receive(payment("batch-" + i, "C-25" + (i % 3), "2.50"))
                            .outcome())
                    .isEqualTo(Outcome.BOOKED);
        }
        // Retries while billing was down left each row due at its own instant; make them due together,
        // as after a long outage, so the claim sees them all at once rather than trickling in.
        db.execute("update billing_outbox set next_attempt_at = now() + interval '1 second' where state = 'PENDING'"
                + " and payment_id in (select id from payment where payment_key like 'test:batch-%')");
        int batchesBefore = BILLING.batches.get();
        BILLING.down.set(false);

        await(() -> "REFUSED".equals(state("test:batch-59"))
                && java.util.stream.IntStream.range(0, 60)
                        .filter(i -> i % 3 != 2)
                        .allMatch(i -> "CREDITED".equals(state("test:batch-" + i))));

        assertThat(BILLING.batches.get() - batchesBefore)
                .as("60 waiting payments go to billing in a few requests, not one each")
                .isBetween(1, 20);
        assertThat(BILLING.entries.keySet().stream().filter(k -> k.startsWith("test:batch-")))
                .hasSize(40);
        for (int i = 0; i < 60; i += 3) {
            assertThat(ledgerEntry("test:batch-" + i)).isEqualTo(BILLING.entries.get("test:batch-" + i));
        }
        assertThat((String) db.fetchValue("select o.billing_answer from billing_outbox o join payment p on p.id ="
                        + " o.payment_id where p.payment_key = 'test:batch-2'"))
                .contains("422", "closed");
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

    @Test
    void postsARefundAfterItsPaymentAgainstThePaymentsLedgerEntry() throws Exception {
        BILLING.add(230, "C-230", "RUB");
        book.receive(payment("t-230", "C-230", "100.00"));
        assertThat(book.refund(refund("t-230", "rf-230a", "40.00")).outcome()).isEqualTo(Outcome.BOOKED);
        assertThat(book.refund(refund("t-230", "rf-230b", "60.00")).outcome()).isEqualTo(Outcome.BOOKED);

        await(() -> "CREDITED".equals(refundState("test:refund:rf-230a"))
                && "CREDITED".equals(refundState("test:refund:rf-230b")));

        long paymentEntry = ledgerEntry("test:t-230");
        FakeBilling.RefundEntry first = BILLING.refunds.get("test:refund:rf-230a");
        assertThat(first.paymentEntryId()).isEqualTo(paymentEntry);
        assertThat(first.amount()).isEqualByComparingTo("40");
        assertThat(BILLING.refunds.get("test:refund:rf-230b").amount()).isEqualByComparingTo("60");
        assertThat(refundEntry("test:refund:rf-230a")).isEqualTo(first.id());
    }

    @Test
    void aRefundWaitsWhileItsPaymentIsNotCreditedAndPostsOnceWhenBillingIsBack() throws Exception {
        BILLING.add(240, "C-240", "RUB");
        assertThat(book.check(payment("warm-240", "C-240", "1")).accepted()).isTrue();
        BILLING.down.set(true);
        book.receive(payment("t-240", "C-240", "50.00"));
        book.refund(refund("t-240", "rf-240", "50.00"));

        await(() -> attempts("test:t-240") >= 2);
        assertThat(state("test:t-240")).isEqualTo("PENDING");
        assertThat(refundState("test:refund:rf-240")).isEqualTo("PENDING");
        // the refund waits for its payment: no error, no attempt
        assertThat(refundAttempts("test:refund:rf-240")).isZero();
        assertThat(refundError("test:refund:rf-240")).isNull();

        BILLING.down.set(false);
        await(() -> "CREDITED".equals(refundState("test:refund:rf-240")));
        Thread.sleep(600);

        assertThat(BILLING.refunds.get("test:refund:rf-240").paymentEntryId()).isEqualTo(ledgerEntry("test:t-240"));
        assertThat(BILLING.refunds.keySet().stream().filter(k -> k.equals("test:refund:rf-240")))
                .hasSize(1);
        assertThat(refundAttempts("test:refund:rf-240")).isEqualTo(1);
    }

    @Test
    void setsAsideARefundWhosePaymentBillingRefused() throws Exception {
        BILLING.add(250, "C-250", "RUB");
        BILLING.refusing.add(250L);
        book.receive(payment("t-250", "C-250", "5"));
        book.refund(refund("t-250", "rf-250", "5"));

        await(() -> "REFUSED".equals(refundState("test:refund:rf-250")));

        assertThat(state("test:t-250")).isEqualTo("REFUSED");
        assertThat(BILLING.refunds).doesNotContainKey("test:refund:rf-250");
        assertThat((String) db.fetchValue(
                        "select o.billing_answer from billing_outbox o join payment_refund r on r.id = o.refund_id"
                                + " where r.refund_key = ?",
                        "test:refund:rf-250"))
                .contains("did not credit payment test:t-250");
    }

    private String refundState(String refundKey) {
        return (String) db.fetchValue(
                "select o.state from billing_outbox o join payment_refund r on r.id = o.refund_id where r.refund_key = ?",
                refundKey);
    }

    private int refundAttempts(String refundKey) {
        return (Integer) db.fetchValue(
                "select o.attempts from billing_outbox o join payment_refund r on r.id = o.refund_id"
                        + " where r.refund_key = ?",
                refundKey);
    }

    private String refundError(String refundKey) {
        return (String) db.fetchValue(
                "select o.last_error from billing_outbox o join payment_refund r on r.id = o.refund_id"
                        + " where r.refund_key = ?",
                refundKey);
    }

    private Long refundEntry(String refundKey) {
        return (Long) db.fetchValue(
                "select o.ledger_entry_id from billing_outbox o join payment_refund r on r.id = o.refund_id"
                        + " where r.refund_key = ?",
                refundKey);
    }

    private static IncomingRefund refund(String paymentId, String refundId, String amount) {
        return new IncomingRefund("test", paymentId, refundId, new BigDecimal(amount), "RUB", Instant.now());
    }

    private String state(String key) {
        return (String) db.fetchValue(
                "select o.state from billing_outbox o join payment p on p.id = o.payment_id where o.kind = 'PAYMENT'"
                        + " and p.payment_key = ?",
                key);
    }

    private int attempts(String key) {
        return (Integer) db.fetchValue(
                "select o.attempts from billing_outbox o join payment p on p.id = o.payment_id where o.kind = 'PAYMENT'"
                        + " and p.payment_key = ?",
                key);
    }

    private Long ledgerEntry(String key) {
        return (Long) db.fetchValue(
                "select o.ledger_entry_id from billing_outbox o join payment p on p.id = o.payment_id"
                        + " where o.kind = 'PAYMENT' and p.payment_key = ?",
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
