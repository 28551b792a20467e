package io.lastmile.fiscal.cashdesk;

import static io.lastmile.fiscal.db.Tables.BILLING_OUTBOX;
import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.RECEIPT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FakeBilling;
import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.receipt.ReceiptJob;
import io.lastmile.fiscal.receipt.atol.FakeAtol;
import io.lastmile.platform.security.PeerClients;
import io.lastmile.platform.security.Roles;
import io.lastmile.testkit.RoleMatrixTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The cash desk over the real core: billing's accounts from a local billing, receipts to a local ATOL. */
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "lastmile.fiscal.receipts.enabled=false",
            "lastmile.fiscal.receipts.poll-interval=0s",
            "lastmile.fiscal.cashdesk.organisation=ООО \"Связь\" <ISP>"
        })
@Import(CashDeskIT.Peers.class)
class CashDeskIT extends RoleMatrixTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakeBilling BILLING = start(FakeBilling::new);
    private static final FakeAtol ATOL = start(FakeAtol::new);

    interface Starter<T> {
        T start() throws java.io.IOException;
    }

    private static <T> T start(Starter<T> s) {
        try {
            return s.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Peer clients without tokens: the local billing does not check them. */
    @TestConfiguration
    static class Peers {
        @Bean
        PeerClients peerClients() {
            return new PeerClients(null) {
                @Override
                public RestClient forBaseUrl(String baseUrl) {
                    return RestClient.builder().baseUrl(baseUrl).build();
                }
            };
        }
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        BILLING.add(7, "C-7", "RUB").add(8, "C-8", "RUB");
        var s = ATOL.settings();
        registry.add("lastmile.fiscal.billing.url", BILLING::url);
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
        BILLING.close();
        ATOL.close();
    }

    @Autowired
    DSLContext db;

    @Autowired
    ReceiptJob job;

    private final String alice = TOKENS.token("alice", Roles.CASHIER);
    private final String bob = TOKENS.token("bob", Roles.CASHIER);

    @BeforeEach
    void clean() {
        db.deleteFrom(RECEIPT).execute();
        db.deleteFrom(BILLING_OUTBOX).execute();
        db.deleteFrom(PAYMENT).execute();
        ATOL.waitsBeforeDone = 0;
    }

    @Test
    void booksOneCashPaymentForParallelClicksWithOneKey() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"contract\":\"C-7\",\"amount\":\"500.00\",\"note\":\"за декабрь\"}";
        int clicks = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clicks);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            calls.add(() -> {
                go.await();
                return post(alice, key, body);
            });
        }
        List<Future<HttpResponse<String>>> answers;
        try {
            List<Future<HttpResponse<String>>> started = new ArrayList<>();
            for (Callable<HttpResponse<String>> c : calls) {
                started.add(pool.submit(c));
            }
            go.countDown();
            answers = started;
            List<Integer> statuses = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                statuses.add(r.statusCode());
                ids.add(JSON.readTree(r.body()).path("id").asLong());
            }
            assertThat(statuses)
                    .as("one booked it, the others were told it is booked")
                    .containsOnly(200, 201);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdown();
        }
        var payment = db.selectFrom(PAYMENT).fetchSingle();
        assertThat(payment.getProvider()).isEqualTo("cashdesk");
        assertThat(payment.getProviderPaymentId()).isEqualTo(key);
        assertThat(payment.getMethod()).isEqualTo("CASH");
        assertThat(payment.getCashier()).isEqualTo("alice");
        assertThat(payment.getAccountId()).isEqualTo(7L);
        assertThat(payment.getAmount()).isEqualByComparingTo("500.00");
        assertThat(db.fetchCount(BILLING_OUTBOX))
                .as("one entry on its way to billing")
                .isEqualTo(1);
    }

    @Test
    void refusesTheSameKeyWithAnotherBodyOrAnotherCashier() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(post(alice, key, "{\"contract\":\"C-7\",\"amount\":100}").statusCode())
                .isEqualTo(201);

        assertThat(post(alice, key, "{\"contract\":\"C-7\",\"amount\":101}").statusCode())
                .isEqualTo(409);
        assertThat(post(alice, key, "{\"contract\":\"C-8\",\"amount\":100}").statusCode())
                .isEqualTo(409);
        assertThat(post(alice, key, "{\"contract\":\"C-7\",\"amount\":100,\"note\":\"other\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(post(bob, key, "{\"contract\":\"C-7\",\"amount\":100}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> again = post(alice, key, "{\"accountId\":7,\"amount\":100.00}");
        assertThat(again.statusCode()).as("the same payment, by account id").isEqualTo(200);
        assertThat(db.fetchCount(PAYMENT)).isEqualTo(1);
    }

    @Test
    void refusesBadInputWithTheFieldNamed() throws Exception {
        HttpResponse<String> noKey = post(alice, null, "{\"contract\":\"C-7\",\"amount\":1}");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("Idempotency-Key");
        HttpResponse<String> decimals = post(alice, key(), "{\"contract\":\"C-7\",\"amount\":\"10.005\"}");
        assertThat(decimals.statusCode())
                .as("more decimals than RUB has: refused, not rounded")
                .isEqualTo(400);
        assertThat(decimals.body()).contains("decimals");
        HttpResponse<String> unknown = post(alice, key(), "{\"contract\":\"C-404\",\"amount\":1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("C-404");
        assertThat(post(alice, key(), "{\"contract\":\"C-7\",\"accountId\":7,\"amount\":1}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(alice, key(), "{\"contract\":\"C-7\",\"amount\":-5}").statusCode())
                .isEqualTo(400);
        assertThat(post(alice, key(), "{\"contract\":\"C-7\",\"amount\":5,\"currency\":\"USD\"}")
                        .body())
                .contains("RUB");
        assertThat(db.fetchCount(PAYMENT)).isZero();
    }

    @Test
    void refusesAnAmountAboveTheCashiersLimitButNotAnAdmins() throws Exception {
        HttpResponse<String> above = post(alice, key(), "{\"contract\":\"C-7\",\"amount\":\"5000.01\"}");
        assertThat(above.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(above.body()).path("limit").asString()).isEqualTo("5000.00");
        assertThat(post(alice, key(), "{\"contract\":\"C-7\",\"amount\":\"5000.00\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(post(TOKENS.admin(), key(), "{\"contract\":\"C-7\",\"amount\":\"20000\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(db.fetchCount(PAYMENT)).isEqualTo(2);
    }

    @Test
    void refusesSubscribersAndRolesWithoutTheCashDesk() throws Exception {
        String body = "{\"contract\":\"C-7\",\"amount\":1}";
        for (String token : List.of(TOKENS.subscriber(7), TOKENS.support(), TOKENS.readonly(), TOKENS.noc())) {
            assertThat(post(token, key(), body).statusCode()).isEqualTo(403);
            assertThat(get(token, "/api/v1/cashdesk/payments").statusCode()).isEqualTo(403);
        }
        assertThat(post(null, key(), body).statusCode()).isEqualTo(401);
        assertThat(db.fetchCount(PAYMENT)).isZero();
    }

    @Test
    void listsACashiersShiftWithItsTotal() throws Exception {
        post(alice, key(), "{\"contract\":\"C-7\",\"amount\":\"100.50\"}");
        post(alice, key(), "{\"contract\":\"C-8\",\"amount\":200}");
        post(bob, key(), "{\"contract\":\"C-7\",\"amount\":999}");

        JsonNode shift = JSON.readTree(
                get(bob, "/api/v1/cashdesk/payments?cashier=alice").body());
        assertThat(shift.path("payments")).hasSize(2);
        assertThat(shift.path("payments").get(0).path("cashier").asString()).isEqualTo("alice");
        assertThat(shift.path("payments").get(0).path("amount").decimalValue()).isEqualByComparingTo("100.50");
        assertThat(shift.path("totals")).hasSize(1);
        assertThat(shift.path("totals").get(0).path("amount").decimalValue()).isEqualByComparingTo("300.50");
        assertThat(shift.path("totals").get(0).path("count").asInt()).isEqualTo(2);

        JsonNode all = JSON.readTree(get(alice, "/api/v1/cashdesk/payments").body());
        assertThat(all.path("totals").get(0).path("amount").decimalValue()).isEqualByComparingTo("1299.50");
        JsonNode past =
                JSON.readTree(get(alice, "/api/v1/cashdesk/payments?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
                        .body());
        assertThat(past.path("payments")).isEmpty();
        assertThat(get(alice, "/api/v1/cashdesk/payments?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void printsAnEscapedReceiptPendingThenWithTheFiscalAttributesAndSellsItAsCash() throws Exception {
        String hostile = "<script>alert('x')</script>\" onmouseover=\"evil()\" & <img src=x>";
        String body = JSON.writeValueAsString(java.util.Map.of(
                "contract", "C-7", "amount", "750.00", "note", hostile, "customerEmail", "payer@example.ru"));
        long id = JSON.readTree(post(alice, key(), body).body()).path("id").asLong();

        HttpResponse<String> pending = get(alice, "/api/v1/cashdesk/payments/" + id + "/receipt");
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(pending.body())
                .contains("Fiscal receipt pending")
                .contains("alice")
                .contains("C-7")
                .contains("750.00 RUB")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onmouseover=&quot;evil()&quot; &amp;")
                .contains("ООО &quot;Связь&quot; &lt;ISP&gt;")
                .doesNotContain("<script")
                .doesNotContain("<img");

        job.runOnce(); // made and sent
        job.runOnce(); // report: done

        JsonNode sell = ATOL.requests("/sell").getLast().body();
        assertThat(sell.path("external_id").asString()).startsWith("cashdesk:");
        assertThat(sell.path("receipt").path("payments").get(0).path("type").asInt())
                .as("ATOL's payment type 0: cash")
                .isEqualTo(0);
        assertThat(sell.path("receipt").path("client").path("email").asString()).isEqualTo("payer@example.ru");
        String done = get(alice, "/api/v1/cashdesk/payments/" + id + "/receipt").body();
        assertThat(done).doesNotContain("pending").contains("9999078902004339").contains("3449555941");
        assertThat(get(alice, "/api/v1/cashdesk/payments/999999/receipt").statusCode())
                .isEqualTo(404);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private HttpResponse<String> post(String token, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/cashdesk/payments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
