package io.lastmile.fiscal.receipt;

import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.PAYMENT_REFUND;
import static io.lastmile.fiscal.db.Tables.RECEIPT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.receipt.atol.FakeAtol;
import io.lastmile.testkit.RoleMatrixTestBase;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Receipts from payment rows to ATOL (a local ATOL v5 server) and back, and the receipt API. */
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "lastmile.fiscal.receipts.enabled=false",
            "lastmile.fiscal.receipts.poll-interval=0s",
            "lastmile.fiscal.receipts.retry-base=0s"
        })
class ReceiptIT extends RoleMatrixTestBase {

    private static final FakeAtol ATOL = start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FakeAtol start() {
        try {
            return new FakeAtol();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void atol(DynamicPropertyRegistry registry) {
        var s = ATOL.settings();
        registry.add("lastmile.fiscal.atol.enabled", () -> "true");
        registry.add("lastmile.fiscal.atol.base-url", ATOL::baseUrl);
        registry.add("lastmile.fiscal.atol.login", s::login);
        registry.add("lastmile.fiscal.atol.password", s::password);
        registry.add("lastmile.fiscal.atol.group-code", s::groupCode);
        registry.add("lastmile.fiscal.atol.inn", s::inn);
        registry.add("lastmile.fiscal.atol.payment-address", s::paymentAddress);
        registry.add("lastmile.fiscal.atol.company-email", s::companyEmail);
    }

    @AfterAll
    static void stop() {
        ATOL.close();
    }

    @Autowired
    DSLContext db;

    @Autowired
    ReceiptJob job;

    @BeforeEach
    void clean() {
        db.deleteFrom(RECEIPT).execute();
        db.deleteFrom(PAYMENT_REFUND).execute();
        db.deleteFrom(PAYMENT).execute();
        ATOL.waitsBeforeDone = 1;
        ATOL.failReports = false;
    }

    private long payment(String provider, String id, long account, String amount, boolean test) {
        return payment(provider, id, account, amount, test, "ELECTRONIC");
    }

    private long payment(String provider, String id, long account, String amount, boolean test, String method) {
        OffsetDateTime now = OffsetDateTime.now();
        return db.insertInto(PAYMENT)
                .set(PAYMENT.PROVIDER, provider)
                .set(PAYMENT.PROVIDER_PAYMENT_ID, id)
                .set(PAYMENT.PAYMENT_KEY, provider + ":" + id)
                .set(PAYMENT.CONTRACT, "C-" + account)
                .set(PAYMENT.ACCOUNT_ID, account)
                .set(PAYMENT.AMOUNT, new BigDecimal(amount))
                .set(PAYMENT.CURRENCY, "RUB")
                .set(PAYMENT.TEST_MODE, test)
                .set(PAYMENT.METHOD, method)
                .set(PAYMENT.CUSTOMER_EMAIL, "a" + account + "@example.ru")
                .set(PAYMENT.PAID_AT, now)
                .set(PAYMENT.RECEIVED_AT, now)
                .returning(PAYMENT.ID)
                .fetchOne(PAYMENT.ID);
    }

    private long refund(long paymentId, String key, String amount) {
        OffsetDateTime now = OffsetDateTime.now();
        return db.insertInto(PAYMENT_REFUND)
                .set(PAYMENT_REFUND.PAYMENT_ID, paymentId)
                .set(PAYMENT_REFUND.PROVIDER_REFUND_ID, key)
                .set(PAYMENT_REFUND.REFUND_KEY, key)
                .set(PAYMENT_REFUND.AMOUNT, new BigDecimal(amount))
                .set(PAYMENT_REFUND.CURRENCY, "RUB")
                .set(PAYMENT_REFUND.REFUNDED_AT, now)
                .set(PAYMENT_REFUND.RECEIVED_AT, now)
                .returning(PAYMENT_REFUND.ID)
                .fetchOne(PAYMENT_REFUND.ID);
    }

    @Test
    void registersASellAndASellRefundAndStoresTheFiscalAttributes() {
        long paid = payment("robokassa", "101", 7, "799.00", false);
        long refunded = refund(paid, "robokassa:refund:9", "100.00");

        job.runOnce(); // enqueued and sent
        assertThat(statuses()).containsOnly("SENT");
        job.runOnce(); // report: wait
        assertThat(statuses()).containsOnly("SENT");
        job.runOnce(); // report: done

        var sell = db.selectFrom(RECEIPT).where(RECEIPT.KIND.eq("SELL")).fetchSingle();
        assertThat(sell.getStatus()).isEqualTo("DONE");
        assertThat(sell.getPaymentId()).isEqualTo(paid);
        assertThat(sell.getExternalId()).isEqualTo("robokassa:101");
        assertThat(sell.getFnNumber()).isEqualTo("9999078902004339");
        assertThat(sell.getFiscalDocumentNumber()).isEqualTo(133L);
        assertThat(sell.getFiscalDocumentAttribute()).isEqualTo(3449555941L);
        assertThat(sell.getFiscalReceiptNumber()).isEqualTo(6L);
        assertThat(sell.getShiftNumber()).isEqualTo(23);
        assertThat(sell.getEcrRegistrationNumber()).isEqualTo("0000000001002292");
        assertThat(sell.getOfdSite()).isEqualTo("www.nalog.gov.ru");
        assertThat(sell.getReceiptDatetime()).isNotNull();
        var ret = db.selectFrom(RECEIPT).where(RECEIPT.KIND.eq("SELL_REFUND")).fetchSingle();
        assertThat(ret.getRefundId()).isEqualTo(refunded);
        assertThat(ret.getExternalId()).isEqualTo("robokassa:refund:9");
        assertThat(ret.getAmount()).isEqualByComparingTo("100.00");
        assertThat(ret.getStatus()).isEqualTo("DONE");
        JsonNode refundBody = ATOL.requests("/sell_refund").getLast().body();
        assertThat(refundBody.path("external_id").asString()).isEqualTo("robokassa:refund:9");
        assertThat(refundBody.path("receipt").path("total").decimalValue()).isEqualByComparingTo("100.00");

        job.runOnce();
        assertThat(db.fetchCount(RECEIPT)).as("nothing more to make").isEqualTo(2);
    }

    @Test
    void makesNoReceiptForATestPaymentAndMarksCashPaymentsAsCash() {
        payment("yookassa", "t1", 7, "10.00", true);
        payment("cashdesk", "c1", 7, "500.00", false, "CASH");
        // the payment's method decides, not the provider's name
        payment("cashdesk", "e1", 7, "20.00", false, "ELECTRONIC");
        payment("osmp", "k1", 7, "30.00", false, "CASH");

        job.enqueue("atol");

        var receipts = db.selectFrom(RECEIPT).orderBy(RECEIPT.EXTERNAL_ID).fetch();
        assertThat(receipts)
                .extracting(r -> r.getExternalId() + "=" + r.getCash())
                .containsExactly("cashdesk:c1=true", "cashdesk:e1=false", "osmp:k1=true");
    }

    @Test
    void sendsCashAsTheCashPaymentKind() throws Exception {
        ATOL.waitsBeforeDone = 0;
        payment("cashdesk", "c2", 7, "500.00", false, "CASH");
        payment("osmp", "e2", 7, "20.00", false, "ELECTRONIC");

        job.runOnce();

        JsonNode cash = ATOL.requests("/sell").stream()
                .map(FakeAtol.Request::body)
                .filter(b -> b.path("external_id").asString().equals("cashdesk:c2"))
                .findFirst()
                .orElseThrow();
        JsonNode electronic = ATOL.requests("/sell").stream()
                .map(FakeAtol.Request::body)
                .filter(b -> b.path("external_id").asString().equals("osmp:e2"))
                .findFirst()
                .orElseThrow();
        assertThat(cash.path("receipt").path("payments").get(0).path("type").asInt())
                .as("ATOL's payment type 0 is cash")
                .isEqualTo(0);
        assertThat(electronic
                        .path("receipt")
                        .path("payments")
                        .get(0)
                        .path("type")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void makesOneReceiptPerPaymentWhenJobsRunInParallel() throws Exception {
        for (int i = 0; i < 30; i++) {
            payment("osmp", "p" + i, 7, "10.00", false);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(() -> job.enqueue("atol"));
            }
            int made = 0;
            for (Future<Integer> f : pool.invokeAll(runs)) {
                made += f.get();
            }
            assertThat(made).isEqualTo(30);
        } finally {
            pool.shutdown();
        }
        assertThat(db.fetchCount(RECEIPT)).isEqualTo(30);
        assertThat(db.selectDistinct(RECEIPT.PAYMENT_ID).from(RECEIPT).fetch()).hasSize(30);
    }

    @Test
    void keepsAFailureAndSendsItAgainOnAnOperatorsRetry() throws Exception {
        ATOL.failReports = true;
        ATOL.waitsBeforeDone = 0;
        payment("robokassa", "202", 7, "50.00", false);
        job.runOnce();
        job.runOnce();
        var failed = db.selectFrom(RECEIPT).fetchSingle();
        assertThat(failed.getStatus()).isEqualTo("FAILED");
        assertThat(failed.getErrorCode()).isEqualTo("20");
        assertThat(failed.getErrorText()).contains("неверная сумма");

        HttpResponse<String> shown = call("GET", "/api/v1/receipts/" + failed.getId(), TOKENS.readonly());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(shown.body()).path("errorCode").asString()).isEqualTo("20");

        ATOL.failReports = false;
        HttpResponse<String> retried = call("POST", "/api/v1/receipts/" + failed.getId() + "/retry", TOKENS.admin());
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retried.body()).path("status").asString()).isEqualTo("QUEUED");
        assertThat(call("POST", "/api/v1/receipts/" + failed.getId() + "/retry", TOKENS.admin())
                        .statusCode())
                .as("only a failed one")
                .isEqualTo(409);
        assertThat(call("POST", "/api/v1/receipts/" + failed.getId() + "/retry", TOKENS.cashier())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void showsASubscriberTheirOwnReceiptsOnly() throws Exception {
        payment("robokassa", "301", 7, "10.00", false);
        payment("robokassa", "302", 8, "20.00", false);
        job.enqueue("atol");
        long own = db.select(RECEIPT.ID)
                .from(RECEIPT)
                .where(RECEIPT.ACCOUNT_ID.eq(7L))
                .fetchSingle(RECEIPT.ID);
        long other = db.select(RECEIPT.ID)
                .from(RECEIPT)
                .where(RECEIPT.ACCOUNT_ID.eq(8L))
                .fetchSingle(RECEIPT.ID);
        String subscriber = TOKENS.subscriber(7);

        JsonNode mine =
                JSON.readTree(call("GET", "/api/v1/receipts", subscriber).body());
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("accountId").asLong()).isEqualTo(7);
        assertThat(JSON.readTree(
                        call("GET", "/api/v1/receipts?accountId=8", subscriber).body()))
                .isEmpty();
        assertThat(call("GET", "/api/v1/receipts/" + own, subscriber).statusCode())
                .isEqualTo(200);
        HttpResponse<String> others = call("GET", "/api/v1/receipts/" + other, subscriber);
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(others.body()).doesNotContain("302");

        JsonNode filtered = JSON.readTree(call("GET", "/api/v1/receipts?accountId=8&status=queued", TOKENS.readonly())
                .body());
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).path("externalId").asString()).isEqualTo("robokassa:302");
        assertThat(call("GET", "/api/v1/receipts?status=lost", TOKENS.readonly())
                        .statusCode())
                .isEqualTo(400);
    }

    private List<String> statuses() {
        return db.select(RECEIPT.STATUS).from(RECEIPT).fetch(RECEIPT.STATUS);
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
