package io.lastmile.fiscal.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FakeBilling;
import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.BookingResult.Outcome;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.Invoice.InvoiceStatus;
import io.lastmile.fiscal.payment.Invoices;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
@SpringBootTest(classes = FiscalApplication.class)
@Import(TestPeers.class)
class PaymentBookIT {

    private static final AtomicInteger IDS = new AtomicInteger();
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
    Invoices invoices;

    @Autowired
    InvoiceRepository invoiceRows;

    @Autowired
    DSLContext db;

    @Test
    void booksAPaymentOnceAndAnswersDuplicateForTheSameNotification() {
        IncomingPayment p = payment("test", "C-100", "150.50", "RUB");
        BILLING.add(100, "C-100", "RUB");

        BookingResult first = book.receive(p);
        BookingResult again = book.receive(p);

        assertThat(first.outcome()).isEqualTo(Outcome.BOOKED);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.paymentId()).isEqualTo(first.paymentId());
        assertThat(count("payment", p)).isEqualTo(1);
        assertThat(db.fetchValue("select count(*) from billing_outbox where payment_id = ?", first.paymentId()))
                .isEqualTo(1L);
        assertThat(db.fetchValue("select method from payment where id = ?", first.paymentId()))
                .isEqualTo("ELECTRONIC");
    }

    @Test
    void answersConflictWhenTheSameProviderIdComesWithAnotherAmount() {
        BILLING.add(101, "C-101", "RUB");
        IncomingPayment p = payment("test", "C-101", "10", "RUB");
        book.receive(p);

        BookingResult other = book.receive(withAmount(p, "11"));

        assertThat(other.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(count("payment", p)).isEqualTo(1);
    }

    @Test
    void answersUnknownAccountForAContractBillingDoesNotHave() {
        BookingResult result = book.receive(payment("test", "NO-SUCH", "10", "RUB"));

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN_ACCOUNT);
        assertThat(result.paymentId()).isNull();
    }

    @Test
    void refusesAnAmountWithMoreDecimalsThanTheCurrencyHasAndAnotherCurrency() {
        BILLING.add(102, "C-102", "RUB");

        assertThat(book.receive(payment("test", "C-102", "10.005", "RUB")).outcome())
                .isEqualTo(Outcome.MISMATCH);
        assertThat(book.receive(payment("test", "C-102", "10", "USD")).outcome())
                .isEqualTo(Outcome.MISMATCH);
        assertThat(db.fetchValue("select count(*) from payment where contract = 'C-102'"))
                .isEqualTo(0L);
    }

    @Test
    void answersRetryLaterWhileBillingIsDownForAnAccountNeverSeenButBooksOneSeenBefore() {
        BILLING.add(103, "C-103", "RUB").add(104, "C-104", "RUB");
        assertThat(book.check(payment("test", "C-103", "5", "RUB")).outcome()).isEqualTo(Outcome.BOOKED);
        BILLING.down.set(true);
        try {
            BookingResult unseen = book.receive(payment("test", "C-104", "5", "RUB"));
            BookingResult seen = book.receive(payment("test", "C-103", "5", "RUB"));

            assertThat(unseen.outcome()).isEqualTo(Outcome.RETRY_LATER);
            assertThat(seen.outcome()).isEqualTo(Outcome.BOOKED);
        } finally {
            BILLING.down.set(false);
        }
    }

    @Test
    void paysAnOpenInvoiceOnceAndRefusesAnotherPaymentOrAnotherAmountForIt() {
        BILLING.add(105, "C-105", "RUB");
        long invoice = invoice(105, "C-105", "300.00");

        BookingResult wrongAmount = book.receive(forInvoice(payment("test", null, "299", "RUB"), invoice));
        BookingResult paid = book.receive(forInvoice(payment("test", null, "300", "RUB"), invoice));
        BookingResult second = book.receive(forInvoice(payment("test", null, "300", "RUB"), invoice));

        assertThat(wrongAmount.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(paid.outcome()).isEqualTo(Outcome.BOOKED);
        assertThat(second.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(invoices.get(invoice).orElseThrow().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(db.fetchValue("select count(*) from payment where invoice_id = ?", invoice))
                .isEqualTo(1L);
    }

    @Test
    void answersMismatchForAnUnknownInvoice() {
        assertThat(book.receive(forInvoice(payment("test", null, "1", "RUB"), 999_999L))
                        .outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void booksRefundsUpToWhatWasPaidOnceEach() {
        BILLING.add(106, "C-106", "RUB");
        IncomingPayment p = payment("test", "C-106", "100", "RUB");
        long paymentId = book.receive(p).paymentId();

        BookingResult first = book.refund(refund(p, "r1", "60"));
        BookingResult again = book.refund(refund(p, "r1", "60"));
        BookingResult tooMuch = book.refund(refund(p, "r2", "40.01"));
        BookingResult rest = book.refund(refund(p, "r3", "40"));
        BookingResult unknown = book.refund(new IncomingRefund("test", "nope", "r9", BigDecimal.ONE, "RUB", null));

        assertThat(first.outcome()).isEqualTo(Outcome.BOOKED);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(tooMuch.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(rest.outcome()).isEqualTo(Outcome.BOOKED);
        assertThat(unknown.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(db.fetchValue("select count(*) from payment_refund where payment_id = ?", paymentId))
                .isEqualTo(2L);
        assertThat(db.fetchValue(
                        "select count(*) from billing_outbox where kind = 'REFUND' and payment_id = ?", paymentId))
                .isEqualTo(2L);
    }

    @Test
    void marksCashDeskPaymentsAsCash() {
        BILLING.add(107, "C-107", "RUB");

        BookingResult r = book.receive(payment("cashdesk", "C-107", "500", "RUB"));

        assertThat(db.fetchValue("select method from payment where id = ?", r.paymentId()))
                .isEqualTo("CASH");
    }

    @Test
    void booksTheSameNotificationDeliveredFiftyTimesInParallelOnce() throws Exception {
        BILLING.add(108, "C-108", "RUB");
        IncomingPayment p = payment("test", "C-108", "777", "RUB");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<BookingResult>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> book.receive(p)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<BookingResult> f : results) {
            outcomes.add(f.get().outcome());
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(o -> o == Outcome.BOOKED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o == Outcome.DUPLICATE).hasSize(49);
        assertThat(count("payment", p)).isEqualTo(1);
        assertThat(db.fetchValue("select count(*) from billing_outbox o join payment p on p.id = o.payment_id"
                        + " where p.contract = 'C-108'"))
                .isEqualTo(1L);
    }

    private long invoice(long account, String contract, String amount) {
        Instant now = Instant.now();
        return invoiceRows.create(
                account,
                contract,
                "test",
                new BigDecimal(amount),
                "RUB",
                null,
                null,
                null,
                now,
                now.plus(1, ChronoUnit.HOURS));
    }

    private long count(String table, IncomingPayment p) {
        return (Long) db.fetchValue(
                "select count(*) from " + table + " where provider = ? and provider_payment_id = ?",
                p.provider(),
                p.providerPaymentId());
    }

    private static IncomingPayment payment(String provider, String contract, String amount, String currency) {
        return new IncomingPayment(
                provider,
                "txn-" + IDS.incrementAndGet() + "-" + System.nanoTime(),
                contract,
                null,
                new BigDecimal(amount),
                currency,
                Instant.now(),
                false,
                null,
                null,
                Map.of());
    }

    private static IncomingPayment withAmount(IncomingPayment p, String amount) {
        return new IncomingPayment(
                p.provider(),
                p.providerPaymentId(),
                p.contract(),
                p.invoiceId(),
                new BigDecimal(amount),
                p.currency(),
                p.paidAt(),
                p.testMode(),
                null,
                null,
                Map.of());
    }

    private static IncomingPayment forInvoice(IncomingPayment p, long invoice) {
        return new IncomingPayment(
                p.provider(),
                p.providerPaymentId(),
                p.contract(),
                invoice,
                p.amount(),
                p.currency(),
                p.paidAt(),
                p.testMode(),
                null,
                null,
                Map.of());
    }

    private static IncomingRefund refund(IncomingPayment p, String id, String amount) {
        return new IncomingRefund(
                p.provider(), p.providerPaymentId(), id, new BigDecimal(amount), "RUB", Instant.now());
    }

    private static FakeBilling start() {
        try {
            return new FakeBilling();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
