package io.lastmile.fiscal.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FakeBilling;
import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.fiscal.payment.BookingResult.Outcome;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.provider.testing.LocalApi;
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
import java.util.Map;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invoices API over real HTTP, PostgreSQL, a local billing (accounts and forecast) and a local
 * T-Bank answering Init as T-Bank documents it; Robokassa's page is a signed form.
 */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "lastmile.fiscal.invoices.expiry-interval=300ms"})
@Import(TestPeers.class)
class InvoicesApiIT {

    static final long A = 7001;
    static final long B = 7002;
    static final String RETURN = "https://cabinet.example.net/pay/done";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final FakeBilling BILLING = start();
    static final LocalApi TBANK = localApi();
    /** T-Bank's documented answer to Init (API v2, "Init" method). */
    static final String INIT_ANSWER = "{\"Success\":true,\"ErrorCode\":\"0\",\"TerminalKey\":\"TinkoffBankTest\","
            + "\"Status\":\"NEW\",\"PaymentId\":\"3093639567\",\"OrderId\":\"21090\",\"Amount\":140000,"
            + "\"PaymentURL\":\"https://securepay.tinkoff.ru/new/fU1ppgqa\"}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
        registry.add("lastmile.fiscal.billing.url", BILLING::url);
    }

    @AfterAll
    static void stop() {
        BILLING.close();
        TBANK.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    @Autowired
    PaymentBook book;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        BILLING.add(A, "C-7001", "RUB").add(B, "C-7002", "RUB");
        BILLING.down.set(false);
        TBANK.answer("/v2/Init", 200, INIT_ANSWER);
        TBANK.answer("/down/Init", 503, "{}");
        provider(
                "tbank",
                "{\"enabled\":true,\"settings\":{\"terminalKey\":\"TinkoffBankTest\",\"password\":\"pass\","
                        + "\"apiBaseUrl\":\"" + TBANK.baseUrl("/v2") + "\"}}");
        provider(
                "robokassa",
                "{\"enabled\":true,\"settings\":{\"merchantLogin\":\"demo\",\"password1\":\"p1\",\"password2\":\"p2\"}}");
    }

    @Test
    void subscriberPaysTheSuggestedAmountThroughTheProvidersRedirect() {
        BILLING.toPay.put(A, new BigDecimal("1234.5612"));
        int initsBefore = TBANK.requests.size();

        Answer created = send(
                "POST",
                "/api/v1/invoices",
                TestPeers.TOKENS.subscriber(A),
                "{\"provider\":\"tbank\",\"returnUrl\":\"" + RETURN + "\"}");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode invoice = created.json().path("invoice");
        long id = invoice.path("id").asLong();
        // the forecast rounded up to kopecks, for the period configured (30 days)
        assertThat(invoice.path("amount").decimalValue()).isEqualByComparingTo("1234.57");
        assertThat(BILLING.lastForecastQuery).isEqualTo("days=30");
        assertThat(invoice.path("accountId").asLong()).isEqualTo(A);
        assertThat(invoice.path("status").asString()).isEqualTo("OPEN");
        assertThat(invoice.path("providerPaymentId").asString()).isEqualTo("3093639567");
        assertThat(Duration.between(
                        Instant.parse(invoice.path("createdAt").asString()),
                        Instant.parse(invoice.path("expiresAt").asString())))
                .isEqualTo(Duration.ofHours(24));
        assertThat(created.json().path("page").path("method").asString()).isEqualTo("GET");
        assertThat(created.json().path("page").path("url").asString())
                .isEqualTo("https://securepay.tinkoff.ru/new/fU1ppgqa");
        assertThat(TBANK.requests).hasSize(initsBefore + 1);
        JsonNode init = JSON.readTree(TBANK.requests.getLast().body());
        assertThat(init.path("OrderId").asString()).isEqualTo(String.valueOf(id));
        assertThat(init.path("Amount").asLong()).isEqualTo(123457);
        assertThat(init.path("SuccessURL").asString()).isEqualTo(RETURN);

        Answer suggested = send("GET", "/api/v1/invoices/suggested-amount?accountId=" + A, subscriberA(), null);
        assertThat(suggested.status()).isEqualTo(200);
        assertThat(suggested.json().path("amount").decimalValue()).isEqualByComparingTo("1234.57");
        assertThat(suggested.json().path("currency").asString()).isEqualTo("RUB");
    }

    @Test
    void answersAFormForRobokassaWithTheInvoiceAsInvId() {
        Answer created = create(TestPeers.TOKENS.cashier(), A, "robokassa", "100");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode page = created.json().path("page");
        assertThat(page.path("method").asString()).isEqualTo("POST");
        assertThat(page.path("url").asString()).isEqualTo("https://auth.robokassa.ru/Merchant/Index.aspx");
        assertThat(page.path("fields").path("InvId").asString())
                .isEqualTo(created.json().path("invoice").path("id").asString());
        assertThat(page.path("fields").path("OutSum").asString()).isEqualTo("100.00");
        assertThat(page.path("fields").path("Shp_account").asString()).isEqualTo("C-7001");
    }

    @Test
    void subscriberCannotSeeCreateOrCancelForAnotherAccount() {
        long others = create(TestPeers.TOKENS.admin(), B, "robokassa", "50")
                .json()
                .path("invoice")
                .path("id")
                .asLong();
        long own = create(subscriberA(), A, "robokassa", "60")
                .json()
                .path("invoice")
                .path("id")
                .asLong();

        assertThat(create(subscriberA(), B, "robokassa", "10").status()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/invoices/" + others, subscriberA(), null)
                        .status())
                .isEqualTo(404);
        assertThat(send("POST", "/api/v1/invoices/" + others + "/cancel", subscriberA(), null)
                        .status())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/invoices/suggested-amount?accountId=" + B, subscriberA(), null)
                        .status())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/invoices?accountId=" + B, subscriberA(), null)
                        .json()
                        .path("items"))
                .isEmpty();
        JsonNode mine = send("GET", "/api/v1/invoices?limit=500", subscriberA(), null)
                .json()
                .path("items");
        assertThat(mine).isNotEmpty().allMatch(i -> i.path("accountId").asLong() == A);
        assertThat(mine).anyMatch(i -> i.path("id").asLong() == own);
        assertThat(send("GET", "/api/v1/invoices/" + own, subscriberA(), null).status())
                .isEqualTo(200);
        assertThat(status(others)).isEqualTo("OPEN");
    }

    @Test
    void refusesAnAmountWithMoreDecimalsThanTheCurrencyHasAndAnUnknownAccount() {
        long before = invoices(A);

        Answer decimals = create(TestPeers.TOKENS.admin(), A, "robokassa", "10.005");
        Answer negative = create(TestPeers.TOKENS.admin(), A, "robokassa", "-5");
        Answer currency = send(
                "POST",
                "/api/v1/invoices",
                TestPeers.TOKENS.admin(),
                "{\"accountId\":" + A + ",\"provider\":\"robokassa\",\"amount\":10,\"currency\":\"USD\","
                        + "\"returnUrl\":\"" + RETURN + "\"}");
        Answer unknown = create(TestPeers.TOKENS.admin(), 99999, "robokassa", "10");
        Answer noPages = create(TestPeers.TOKENS.admin(), A, "nosuch", "10");

        assertThat(decimals.status()).isEqualTo(400);
        assertThat(decimals.json().path("errors").path("amount").asString()).contains("more decimals");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(currency.status()).isEqualTo(400);
        assertThat(currency.json().path("errors").path("currency").asString()).contains("RUB");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(noPages.status()).isEqualTo(400);
        assertThat(invoices(A)).isEqualTo(before);
    }

    @Test
    void asksForAnAmountWhenNothingIsDueOrBillingIsDown() {
        BILLING.toPay.put(B, BigDecimal.ZERO);
        Answer nothingDue = create(TestPeers.TOKENS.admin(), B, "robokassa", null);
        assertThat(nothingDue.status()).isEqualTo(400);
        assertThat(nothingDue.json().path("errors").path("amount").asString()).contains("give the amount");

        BILLING.down.set(true);
        try {
            Answer down = create(TestPeers.TOKENS.admin(), B, "robokassa", null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("detail").asString()).contains("give the amount");
            assertThat(send("GET", "/api/v1/invoices/suggested-amount?accountId=" + B, admin(), null)
                            .status())
                    .isEqualTo(503);
            // an amount given: the account known from before is enough while billing is down
            assertThat(create(TestPeers.TOKENS.admin(), B, "robokassa", "25").status())
                    .isEqualTo(201);
        } finally {
            BILLING.down.set(false);
        }
    }

    @Test
    void cancelsTheInvoiceWhenTheProviderDoesNotAnswer() {
        provider("tbank", "{\"settings\":{\"apiBaseUrl\":\"" + TBANK.baseUrl("/down") + "\"}}");

        Answer failed = create(subscriberA(), A, "tbank", "300");

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().path("detail").asString())
                .contains("cancelled")
                .doesNotContain("pass");
        long last = db.fetchOne("select max(id) from invoice where account_id = ? and provider = 'tbank'", A)
                .get(0, Long.class);
        assertThat(status(last)).isEqualTo("CANCELLED");
    }

    @Test
    void cancelsAnOpenInvoiceOnlyOnce() {
        long id = create(subscriberA(), A, "robokassa", "70")
                .json()
                .path("invoice")
                .path("id")
                .asLong();

        Answer cancelled = send("POST", "/api/v1/invoices/" + id + "/cancel", subscriberA(), null);
        Answer again = send("POST", "/api/v1/invoices/" + id + "/cancel", subscriberA(), null);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(again.status()).isEqualTo(409);
        assertThat(send("POST", "/api/v1/invoices/424242/cancel", admin(), null).status())
                .isEqualTo(404);
    }

    @Test
    void expiresOpenInvoicesPastTheirTimeAndStillBooksAPaymentThatComesLate() throws Exception {
        long late = create(subscriberA(), A, "robokassa", "80")
                .json()
                .path("invoice")
                .path("id")
                .asLong();
        long fresh = create(subscriberA(), A, "robokassa", "81")
                .json()
                .path("invoice")
                .path("id")
                .asLong();
        db.execute("update invoice set expires_at = now() - interval '1 minute' where id = ?", late);

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!status(late).equals("EXPIRED") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(status(late)).isEqualTo("EXPIRED");
        assertThat(status(fresh)).isEqualTo("OPEN");
        IncomingPayment payment = new IncomingPayment(
                "robokassa",
                "late-" + late,
                "C-7001",
                late,
                new BigDecimal("80.00"),
                "RUB",
                Instant.now(),
                false,
                null,
                null,
                Map.of());
        // before the money is taken (a Check) an expired invoice is refused ...
        assertThat(book.check(payment).outcome()).isEqualTo(Outcome.MISMATCH);
        // ... once the provider took it, it is booked all the same, and pays the invoice
        var booked = book.receive(payment);
        assertThat(booked.outcome()).isEqualTo(Outcome.BOOKED);
        JsonNode invoice =
                send("GET", "/api/v1/invoices/" + late, admin(), null).json();
        assertThat(invoice.path("status").asString()).isEqualTo("PAID");
        assertThat(invoice.path("paymentId").asLong()).isEqualTo(booked.paymentId());
    }

    private Answer create(String token, long account, String provider, String amount) {
        return send(
                "POST",
                "/api/v1/invoices",
                token,
                "{\"accountId\":" + account + ",\"provider\":\"" + provider + "\""
                        + (amount == null ? "" : ",\"amount\":" + amount) + ",\"returnUrl\":\"" + RETURN + "\"}");
    }

    private long invoices(long account) {
        return db.fetchOne("select count(*) from invoice where account_id = ?", account)
                .get(0, Long.class);
    }

    private String status(long invoice) {
        return db.fetchOne("select status from invoice where id = ?", invoice).get(0, String.class);
    }

    private static String subscriberA() {
        return TestPeers.TOKENS.subscriber(A);
    }

    private static String admin() {
        return TestPeers.TOKENS.admin();
    }

    private void provider(String name, String body) {
        Answer a = send("PUT", "/api/v1/providers/" + name, admin(), body);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
    }

    record Answer(int status, String text) {
        JsonNode json() {
            return JSON.readTree(text);
        }
    }

    Answer send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
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

    private static LocalApi localApi() {
        try {
            return new LocalApi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
