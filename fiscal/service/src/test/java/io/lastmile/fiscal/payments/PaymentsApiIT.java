package io.lastmile.fiscal.payments;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The payments API over real HTTP and PostgreSQL, with payments booked through the real book. */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
@Import(TestPeers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsApiIT {

    static final long A = 8001;
    static final long B = 8002;
    static final JsonMapper JSON = JsonMapper.builder().build();
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

    @LocalServerPort
    int port;

    @Autowired
    PaymentBook book;

    @Autowired
    DSLContext db;

    final HttpClient http = HttpClient.newHttpClient();
    final List<Long> ofA = new ArrayList<>();
    final Map<Long, String> providerIds = new java.util.HashMap<>();
    long ofB;
    long testPayment;
    long receiptId;

    @BeforeAll
    void book() {
        BILLING.add(A, "C-8001", "RUB").add(B, "C-8002", "RUB");
        ofA.add(pay("cloudpayments", "C-8001", "100.50", false));
        ofA.add(pay("robokassa", "C-8001", "200", false));
        ofA.add(pay("cloudpayments", "C-8001", "300", false));
        testPayment = pay("robokassa", "C-8001", "5", true);
        ofA.add(testPayment);
        ofB = pay("cloudpayments", "C-8002", "400", false);
        BookingResult refund = book.refund(new IncomingRefund(
                "cloudpayments", providerIds.get(ofA.getFirst()), "r-1", new BigDecimal("30.25"), "RUB", null));
        assertThat(refund.outcome()).isEqualTo(Outcome.BOOKED);
        // a test payment gets no receipt from the job: this one is the test's own
        receiptId = db.fetchOne(
                        "insert into receipt (kind, payment_id, external_id, account_id, amount, currency, cash, status,"
                                + " registrar, next_attempt_at, created_at, updated_at) values ('SELL', ?, 'ext-test', ?, 5,"
                                + " 'RUB', false, 'DONE', 'atol', now(), now(), now()) returning id",
                        testPayment,
                        A)
                .get(0, Long.class);
    }

    @Test
    void pagesThroughAnAccountsPaymentsNewestFirst() {
        JsonNode first = get("/api/v1/payments?accountId=" + A + "&limit=3", admin());
        JsonNode second = get(
                "/api/v1/payments?accountId=" + A + "&limit=3&before="
                        + first.path("nextBefore").asLong(),
                admin());

        assertThat(ids(first)).containsExactly(ofA.get(3), ofA.get(2), ofA.get(1));
        assertThat(ids(second)).containsExactly(ofA.get(0));
        assertThat(second.path("nextBefore").isNull()).isTrue();
    }

    @Test
    void showsRefundsBillingStateAndReceipt() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode p = get("/api/v1/payments/" + ofA.getFirst(), admin());
        while (!p.path("billing").path("state").asString().equals("CREDITED") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            p = get("/api/v1/payments/" + ofA.getFirst(), admin());
        }

        assertThat(p.path("amount").decimalValue()).isEqualByComparingTo("100.50");
        assertThat(p.path("paymentKey").asString()).isEqualTo("cloudpayments:" + providerIds.get(ofA.getFirst()));
        assertThat(p.path("billing").path("state").asString()).isEqualTo("CREDITED");
        assertThat(p.path("billing").path("ledgerEntryId").asLong())
                .isEqualTo(BILLING.entries.get("cloudpayments:" + providerIds.get(ofA.getFirst())));
        assertThat(p.path("refunds")).hasSize(1);
        assertThat(p.path("refunds").get(0).path("amount").decimalValue()).isEqualByComparingTo("30.25");
        assertThat(p.path("refunds").get(0).path("providerRefundId").asString()).isEqualTo("r-1");
        assertThat(p.path("refunds").get(0).path("billing").path("state").asString())
                .isIn("PENDING", "CREDITED", "REFUSED");
        JsonNode test = get("/api/v1/payments/" + testPayment, admin());
        assertThat(test.path("testMode").asBoolean()).isTrue();
        assertThat(test.path("receipt").path("id").asLong()).isEqualTo(receiptId);
        assertThat(test.path("receipt").path("status").asString()).isEqualTo("DONE");
    }

    @Test
    void filtersByProviderTestModeContractMethodAndTime() {
        assertThat(ids(get("/api/v1/payments?provider=robokassa&accountId=" + A, admin())))
                .containsExactly(testPayment, ofA.get(1));
        assertThat(ids(get("/api/v1/payments?testMode=true&contract=C-8001", admin())))
                .containsExactly(testPayment);
        assertThat(ids(get("/api/v1/payments?contract=C-8002&method=electronic", admin())))
                .containsExactly(ofB);
        assertThat(ids(get("/api/v1/payments?contract=C-8002&method=CASH", admin())))
                .isEmpty();
        assertThat(ids(get(
                        "/api/v1/payments?contract=C-8002&to=" + Instant.now().minusSeconds(3600), admin())))
                .isEmpty();
        assertThat(ids(get(
                        "/api/v1/payments?contract=C-8002&from=" + Instant.now().minusSeconds(3600), admin())))
                .containsExactly(ofB);
        assertThat(send("/api/v1/payments?method=card", admin()).statusCode()).isEqualTo(400);
        assertThat(send("/api/v1/payments?limit=0", admin()).statusCode()).isEqualTo(400);
    }

    @Test
    void aSubscriberSeesOnlyTheirOwnPayments() {
        String subscriber = TestPeers.TOKENS.subscriber(A);

        assertThat(ids(get("/api/v1/payments", subscriber))).containsExactlyInAnyOrderElementsOf(ofA);
        assertThat(ids(get("/api/v1/payments?accountId=" + B, subscriber))).isEmpty();
        assertThat(ids(get("/api/v1/payments?contract=C-8002", subscriber))).isEmpty();
        assertThat(send("/api/v1/payments/" + ofB, subscriber).statusCode()).isEqualTo(404);
        assertThat(send("/api/v1/payments/" + ofA.getFirst(), subscriber).statusCode())
                .isEqualTo(200);
        assertThat(send("/api/v1/payments/" + ofB, TestPeers.TOKENS.subscriber(B))
                        .statusCode())
                .isEqualTo(200);
    }

    private long pay(String provider, String contract, String amount, boolean test) {
        String providerId = "p-" + System.nanoTime();
        BookingResult r = book.receive(new IncomingPayment(
                provider,
                providerId,
                contract,
                null,
                new BigDecimal(amount),
                "RUB",
                Instant.now(),
                test,
                null,
                null,
                Map.of()));
        assertThat(r.outcome()).isEqualTo(Outcome.BOOKED);
        providerIds.put(r.paymentId(), providerId);
        return r.paymentId();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("id").asLong()));
        return ids;
    }

    private static String admin() {
        return TestPeers.TOKENS.admin();
    }

    private JsonNode get(String path, String token) {
        HttpResponse<String> r = send(path, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String path, String token) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static FakeBilling start() {
        try {
            return new FakeBilling();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
