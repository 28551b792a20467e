package io.lastmile.fiscal.provider.osmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FakeBilling;
import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.testkit.PostgresExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
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
 * OSMP over the real core: settings through PUT /api/v1/providers, the payment book and billing's
 * outbox in PostgreSQL, billing a local server, check and pay as the terminal network sends them
 * (GET, parameters in the query, HTTP Basic).
 */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
@Import(TestPeers.class)
class OsmpOverCoreIT {

    private static final FakeBilling BILLING = start();
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("qiwi:osmp-secret-value".getBytes(StandardCharsets.UTF_8));

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
    DSLContext db;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void settings() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url("/api/v1/providers/osmp")))
                        .header("Authorization", "Bearer " + TestPeers.TOKENS.admin())
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"enabled\":true,\"testMode\":false,\"settings\":{\"sourceNetworks\":\"127.0.0.1/32\","
                                        + "\"login\":\"qiwi\",\"password\":\"osmp-secret-value\",\"minSum\":\"1.00\","
                                        + "\"maxSum\":\"15000.00\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("osmp-secret-value");
    }

    @Test
    void fiftyIdenticalPaysInParallelAreOnePaymentAndOneBillingPost() throws Exception {
        BILLING.add(601, "4957835959", "RUB");
        HttpResponse<String> check = get("command=check&txn_id=1234567&account=4957835959&sum=10.45", BASIC);
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(check.body()).contains("<osmp_txn_id>1234567</osmp_txn_id>", "<result>0</result>");
        int postsBefore = BILLING.posts.get();

        String pay = "command=pay&txn_id=1234567&txn_date=20050815120133&account=4957835959&sum=10.45";
        List<String> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> futures = IntStream.range(0, 50)
                    .mapToObj(i -> pool.submit(() -> get(pay, BASIC)))
                    .toList();
            answers = futures.stream()
                    .map(f -> {
                        try {
                            return f.get().body();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }

        long id = (Long)
                db.fetchValue("select id from payment where provider = 'osmp' and provider_payment_id = ?", "1234567");
        String expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n"
                + "<osmp_txn_id>1234567</osmp_txn_id>\n<prv_txn>" + id + "</prv_txn>\n<sum>10.45</sum>\n"
                + "<result>0</result>\n<comment>OK</comment>\n</response>\n";
        assertThat(answers).hasSize(50).containsOnly(expected);
        assertThat(db.fetchValue(
                        "select count(*) from payment where provider = 'osmp' and provider_payment_id = '1234567'"))
                .isEqualTo(1L);
        assertThat(db.fetchValue("select amount from payment where id = ?", id)).isEqualTo(new BigDecimal("10.4500"));
        assertThat(db.fetchValue("select count(*) from billing_outbox where payment_id = ?", id))
                .isEqualTo(1L);
        String key = (String) db.fetchValue("select payment_key from payment where id = ?", id);
        await(() -> "CREDITED".equals(db.fetchValue("select state from billing_outbox where payment_id = ?", id)));
        assertThat(BILLING.entries).containsKey(key);
        assertThat(BILLING.posts.get() - postsBefore).isEqualTo(1);

        assertThat(get(pay, BASIC).body()).isEqualTo(expected);
        assertThat(BILLING.posts.get() - postsBefore).isEqualTo(1);
    }

    @Test
    void anUnknownAccountIsFiveButWhileBillingIsDownOne() throws Exception {
        assertThat(get("command=check&txn_id=2000&account=4957000000&sum=10.00", BASIC)
                        .body())
                .contains("<result>5</result>");

        BILLING.add(602, "4957000602", "RUB");
        BILLING.down.set(true);
        try {
            assertThat(get("command=check&txn_id=2001&account=4957000602&sum=10.00", BASIC)
                            .body())
                    .contains("<result>1</result>");
            assertThat(get("command=pay&txn_id=2001&txn_date=20261207100000&account=4957000602&sum=10.00", BASIC)
                            .body())
                    .contains("<result>1</result>")
                    .doesNotContain("prv_txn");
        } finally {
            BILLING.down.set(false);
        }
        assertThat(db.fetchValue("select count(*) from payment where provider_payment_id in ('2000', '2001')"))
                .isEqualTo(0L);
        assertThat(get("command=pay&txn_id=2001&txn_date=20261207100000&account=4957000602&sum=10.00", BASIC)
                        .body())
                .contains("<result>0</result>", "<prv_txn>");
    }

    @Test
    void withoutTheBasicCredentialsNothingIsBooked() throws Exception {
        BILLING.add(603, "4957000603", "RUB");
        String pay = "command=pay&txn_id=3000&txn_date=20261207100000&account=4957000603&sum=10.00";

        HttpResponse<String> none = get(pay, null);
        HttpResponse<String> wrong =
                get(pay, "Basic " + Base64.getEncoder().encodeToString("qiwi:guess".getBytes(StandardCharsets.UTF_8)));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("osmp-secret-value");
        assertThat(get(pay.replace("sum=10.00", "sum=0.50"), BASIC).body()).contains("<result>241</result>");
        assertThat(db.fetchValue("select count(*) from payment where provider_payment_id = '3000'"))
                .isEqualTo(0L);
    }

    @Test
    void aPostWithTheParametersInTheBodyIsAnsweredAsAGet() throws Exception {
        BILLING.add(604, "4957000604", "RUB");
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url("/pay/osmp")))
                        .header("Authorization", BASIC)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "command=pay&txn_id=4000&txn_date=20261207100000&account=4957000604&sum=25.5"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        long id = (Long)
                db.fetchValue("select id from payment where provider = 'osmp' and provider_payment_id = ?", "4000");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<prv_txn>" + id + "</prv_txn>", "<sum>25.50</sum>", "<result>0</result>");
        // 10:00 in Moscow (UTC+3)
        assertThat(((Number) db.fetchValue("select extract(epoch from paid_at) from payment where id = ?", id))
                        .longValue())
                .isEqualTo(java.time.Instant.parse("2026-12-07T07:00:00Z").getEpochSecond());
    }

    private HttpResponse<String> get(String query, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url("/pay/osmp?" + query))).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
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

    private static FakeBilling start() {
        try {
            return new FakeBilling();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
