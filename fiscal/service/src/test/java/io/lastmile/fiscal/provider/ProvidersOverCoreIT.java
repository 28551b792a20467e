package io.lastmile.fiscal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FakeBilling;
import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.fiscal.provider.testing.LocalApi;
import io.lastmile.testkit.PostgresExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * T-Bank, Sberbank and YooKassa over the real core: settings through PUT /api/v1/providers, the
 * invoices and the payment book in PostgreSQL, notifications over HTTP without a token. Asserts on
 * the payment rows, the invoices' status and billing's outbox.
 */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
@Import(TestPeers.class)
class ProvidersOverCoreIT {

    private static final FakeBilling BILLING = start();
    private static final LocalApi YOOKASSA = localApi();
    private static final String YOOKASSA_ID = "22d6d597-000f-5000-9000-145f6df21d6f";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
        registry.add("lastmile.fiscal.billing.url", BILLING::url);
    }

    @AfterAll
    static void stop() {
        BILLING.close();
        YOOKASSA.close();
    }

    @Autowired
    DSLContext db;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void settings() throws Exception {
        put("tbank", "{\"enabled\":true,\"settings\":{\"terminalKey\":\"TestTerminal\",\"password\":\"pass\"}}");
        put(
                "sberbank",
                "{\"enabled\":true,\"settings\":{\"userName\":\"shop-api\",\"password\":\"pw\","
                        + "\"callbackKey\":\"yourSecretToken\"}}");
        put(
                "yookassa",
                "{\"enabled\":true,\"settings\":{\"shopId\":\"54401\",\"secretKey\":\"k\",\"apiBaseUrl\":\""
                        + YOOKASSA.baseUrl("/v3") + "\",\"sourceNetworks\":\"127.0.0.1/32\"}}");
    }

    @Test
    void tbankBooksADocumentedNotificationDelivered50TimesInParallelOnce() throws Exception {
        invoice(42, "tbank", "1000.00");
        String body = tbank(Map.of("OrderId", "42", "Amount", 100000L), "pass");

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> answers = IntStream.range(0, 50)
                    .mapToObj(i -> pool.submit(() -> post("/pay/tbank", "application/json", body)))
                    .toList();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().body()).isEqualTo("OK");
            }
        }

        assertThat(payments("tbank", 42)).isEqualTo(1);
        assertThat(db.fetchValue("select status from invoice where id = 42")).isEqualTo("PAID");
        assertThat(db.fetchValue("select amount from payment where provider = 'tbank' and invoice_id = 42"))
                .isEqualTo(new BigDecimal("1000.0000"));
        assertThat(db.fetchValue("select count(*) from billing_outbox o join payment p on p.id = o.payment_id "
                        + "where p.provider = 'tbank'"))
                .isEqualTo(1L);
    }

    @Test
    void tbankRefusesTamperedWrongPasswordWrongAmountAndUnknownOrder() throws Exception {
        invoice(43, "tbank", "500.00");

        String tampered =
                tbank(Map.of("OrderId", "43", "Amount", 50000L), "pass").replace("50000", "5000");
        assertThat(post("/pay/tbank", "application/json", tampered).statusCode())
                .isEqualTo(403);
        assertThat(post("/pay/tbank", "application/json", tbank(Map.of("OrderId", "43", "Amount", 50000L), "nope"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/pay/tbank", "application/json", tbank(Map.of("OrderId", "43", "Amount", 49999L), "pass"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(post("/pay/tbank", "application/json", tbank(Map.of("OrderId", "4343", "Amount", 50000L), "pass"))
                        .statusCode())
                .isEqualTo(422);

        assertThat(payments("tbank", 43)).isZero();
        assertThat(db.fetchValue("select status from invoice where id = 43")).isEqualTo("OPEN");
    }

    @Test
    void sberbankBooksTheDocumentedCallbackOnceAndRefusesAnotherKeysChecksum() throws Exception {
        invoice(10747, "sberbank", "350000.99");
        Map<String, String> documented = Map.of(
                "mdOrder",
                "3ff6962a-7dcc-4283-ab50-a6d7dd3386fe",
                "orderNumber",
                "10747",
                "operation",
                "deposited",
                "status",
                "1",
                "amount",
                "35000099",
                "checksum",
                "D6F9826B27780C413BC8F6130AD5658848418174672A99FE3BA7711EE501469F");

        HttpResponse<String> first = get("/pay/sberbank?" + query(documented));
        HttpResponse<String> replay = get("/pay/sberbank?" + query(documented));
        put("sberbank", "{\"settings\":{\"callbackKey\":\"anotherKey\"}}");
        HttpResponse<String> otherKey = get("/pay/sberbank?" + query(documented));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(otherKey.statusCode()).isEqualTo(403);
        assertThat(payments("sberbank", 10747)).isEqualTo(1);
        assertThat(db.fetchValue("select provider_payment_id from payment where invoice_id = 10747"))
                .isEqualTo("3ff6962a-7dcc-4283-ab50-a6d7dd3386fe");
    }

    @Test
    void yookassaBooksWhatTheApiConfirmsAndItsRefund() throws Exception {
        invoice(72, "yookassa", "2.00");
        YOOKASSA.answer("/v3/payments/" + YOOKASSA_ID, 200, """
                {"id":"%s","status":"succeeded","paid":true,"amount":{"value":"2.00","currency":"RUB"},
                 "captured_at":"2018-07-10T14:28:10.230Z","metadata":{"invoice_id":"72"},"test":false}""".formatted(YOOKASSA_ID));
        String refundId = "216749f7-0016-50be-b000-078d43a63ae4";
        YOOKASSA.answer("/v3/refunds/" + refundId, 200, """
                {"id":"%s","status":"succeeded","amount":{"value":"1.00","currency":"RUB"},
                 "created_at":"2018-07-11T10:00:00.000Z","payment_id":"%s"}""".formatted(refundId, YOOKASSA_ID));

        HttpResponse<String> paid = post("/pay/yookassa", "application/json", """
                {"type":"notification","event":"payment.succeeded","object":{"id":"%s","status":"succeeded",
                 "amount":{"value":"2.00","currency":"RUB"}}}""".formatted(YOOKASSA_ID));
        HttpResponse<String> refunded = post("/pay/yookassa", "application/json", """
                {"type":"notification","event":"refund.succeeded","object":{"id":"%s","status":"succeeded",
                 "payment_id":"%s","amount":{"value":"1.00","currency":"RUB"}}}""".formatted(refundId, YOOKASSA_ID));

        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(refunded.statusCode()).isEqualTo(200);
        assertThat(payments("yookassa", 72)).isEqualTo(1);
        assertThat(db.fetchValue("select amount from payment_refund where provider_refund_id = ?", refundId))
                .isEqualTo(new BigDecimal("1.0000"));
    }

    private long payments(String provider, long invoiceId) {
        return db.fetchValue("select count(*) from payment where provider = ? and invoice_id = ?", provider, invoiceId)
                        instanceof Long n
                ? n
                : -1;
    }

    private void invoice(long id, String provider, String amount) {
        BILLING.add(1000 + id, "C-" + id, "RUB");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.execute(
                "insert into invoice (id, account_id, contract, provider, amount, currency, status, created_at, "
                        + "expires_at) overriding system value values (?, ?, ?, ?, ?, 'RUB', 'OPEN', ?::timestamptz, ?::timestamptz)",
                id,
                1000 + id,
                "C-" + id,
                provider,
                new BigDecimal(amount),
                now,
                now.plusHours(1));
    }

    /** A CONFIRMED notification of T-Bank's documented shape, its Token computed here from the rule. */
    private static String tbank(Map<String, Object> fields, String password) throws Exception {
        Map<String, Object> n = new TreeMap<>(Map.of(
                "TerminalKey",
                "TestTerminal",
                "Success",
                true,
                "Status",
                "CONFIRMED",
                "PaymentId",
                7777000000L + (Long) fields.get("Amount") + Long.parseLong((String) fields.get("OrderId")),
                "ErrorCode",
                "0",
                "CardId",
                322271L,
                "Pan",
                "430000******0777",
                "ExpDate",
                "1122"));
        n.putAll(fields);
        TreeMap<String, String> signed = new TreeMap<>();
        n.forEach((k, v) -> signed.put(k, String.valueOf(v)));
        signed.put("Password", password);
        String token = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(String.join("", signed.values()).getBytes(StandardCharsets.UTF_8)));
        return n.entrySet().stream()
                .map(e ->
                        "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue()))
                .collect(Collectors.joining(",", "{", ",\"Token\":\"" + token + "\"}"));
    }

    private void put(String provider, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url("/api/v1/providers/" + provider)))
                        .header("Authorization", "Bearer " + TestPeers.TOKENS.admin())
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String type, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static FakeBilling start() {
        try {
            return new FakeBilling();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalApi localApi() {
        try {
            return new LocalApi();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
