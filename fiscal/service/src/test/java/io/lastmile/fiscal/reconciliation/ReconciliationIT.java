package io.lastmile.fiscal.reconciliation;

import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.payment.ProviderSetting;
import io.lastmile.fiscal.payment.ProviderSettings;
import io.lastmile.fiscal.payment.ProviderStatement;
import io.lastmile.testkit.RoleMatrixTestBase;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A provider's day against fiscal's payments, stored and shown; a missing payment imported once. */
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "lastmile.fiscal.reconciliation.enabled=false"})
@Import(ReconciliationIT.Provider.class)
class ReconciliationIT extends RoleMatrixTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    /** 00:30 on DAY in Moscow is still November 30th in UTC: the day is the operator's. */
    private static final Instant EARLY = Instant.parse("2026-11-30T21:30:00Z");

    static final List<IncomingPayment> BOOKED = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Provider {
        @Bean
        TestBank testBank() {
            return new TestBank();
        }

        // primary over the core's own: this test's provider is enabled without a settings row
        @Bean
        @Primary
        ProviderSettings providerSettings() {
            return name -> "testbank".equals(name)
                    ? new ProviderConfig(name, true, false, Map.of())
                    : ProviderConfig.disabled(name);
        }

        // primary over the core's own: the import is checked here, the booking itself in PaymentBookIT
        @Bean
        @Primary
        PaymentBook paymentBook(DSLContext db) {
            return new PaymentBook() {
                @Override
                public BookingResult check(IncomingPayment payment) {
                    return new BookingResult(BookingResult.Outcome.BOOKED, null, null);
                }

                @Override
                public synchronized BookingResult receive(IncomingPayment p) {
                    BOOKED.add(p);
                    Long existing = db.select(PAYMENT.ID)
                            .from(PAYMENT)
                            .where(
                                    PAYMENT.PROVIDER.eq(p.provider()),
                                    PAYMENT.PROVIDER_PAYMENT_ID.eq(p.providerPaymentId()))
                            .fetchOptional(PAYMENT.ID)
                            .orElse(null);
                    if (existing != null) {
                        return new BookingResult(BookingResult.Outcome.DUPLICATE, existing, null);
                    }
                    return new BookingResult(
                            BookingResult.Outcome.BOOKED,
                            insert(db, p.provider(), p.providerPaymentId(), p.amount(), p.paidAt()),
                            null);
                }

                @Override
                public BookingResult refund(IncomingRefund refund) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    static class TestBank implements PaymentProvider, ProviderStatement {
        @Override
        public String name() {
            return "testbank";
        }

        @Override
        public List<ProviderSetting> settings() {
            return List.of();
        }

        @Override
        public List<ProviderPayment> payments(LocalDate day, ZoneId zone, ProviderConfig config) {
            assertThat(zone).isEqualTo(ZoneId.of("Europe/Moscow"));
            if (!day.equals(DAY)) {
                return List.of();
            }
            return List.of(
                    paid("tb-1", "100.00", null),
                    paid("tb-2", "55.00", null),
                    paid("tb-4", "300.00", "C-9"),
                    new ProviderPayment(
                            "tb-5", null, "C-9", new BigDecimal("1.00"), "RUB", EARLY, ProviderPayment.Status.PENDING));
        }

        private static ProviderPayment paid(String id, String amount, String contract) {
            return new ProviderPayment(
                    id, null, contract, new BigDecimal(amount), "RUB", EARLY, ProviderPayment.Status.PAID);
        }
    }

    static long insert(DSLContext db, String provider, String id, BigDecimal amount, Instant paidAt) {
        OffsetDateTime at = paidAt.atOffset(ZoneOffset.UTC);
        return db.insertInto(PAYMENT)
                .set(PAYMENT.PROVIDER, provider)
                .set(PAYMENT.PROVIDER_PAYMENT_ID, id)
                .set(PAYMENT.PAYMENT_KEY, provider + ":" + id)
                .set(PAYMENT.CONTRACT, "C-1")
                .set(PAYMENT.AMOUNT, amount)
                .set(PAYMENT.CURRENCY, "RUB")
                .set(PAYMENT.PAID_AT, at)
                .set(PAYMENT.RECEIVED_AT, at)
                .returning(PAYMENT.ID)
                .fetchOne(PAYMENT.ID);
    }

    @Autowired
    DSLContext db;

    @Test
    void reportsEachSideMissingAndAmountDifferencesAndImportsAMissingOneOnce() throws Exception {
        insert(db, "testbank", "tb-1", new BigDecimal("100.00"), EARLY);
        insert(db, "testbank", "tb-2", new BigDecimal("50.00"), EARLY);
        long onlyOurs = insert(db, "testbank", "tb-3", new BigDecimal("70.00"), EARLY);
        insert(db, "testbank", "tb-other-day", new BigDecimal("9.00"), Instant.parse("2026-12-01T21:30:00Z"));

        HttpResponse<String> run = call("POST", "/api/v1/reconciliations/run?day=2026-12-01", TOKENS.admin());
        assertThat(run.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(run.body()).get(0);
        assertThat(result.path("provider").asString()).isEqualTo("testbank");
        assertThat(result.path("status").asString()).isEqualTo("DIFFERENCES");
        assertThat(result.path("providerCount").asInt()).as("paid ones only").isEqualTo(3);
        assertThat(result.path("ourCount").asInt()).isEqualTo(3);
        JsonNode items = result.path("items");
        assertThat(items).hasSize(3);
        assertThat(find(items, "tb-4").path("kind").asString()).isEqualTo("MISSING_OURS");
        assertThat(find(items, "tb-2").path("kind").asString()).isEqualTo("AMOUNT_DIFFERS");
        assertThat(find(items, "tb-2").path("providerAmount").decimalValue()).isEqualByComparingTo("55.00");
        assertThat(find(items, "tb-2").path("ourAmount").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(find(items, "tb-3").path("kind").asString()).isEqualTo("MISSING_PROVIDER");
        assertThat(find(items, "tb-3").path("paymentId").asLong()).isEqualTo(onlyOurs);

        JsonNode listed = JSON.readTree(call("GET", "/api/v1/reconciliations?provider=testbank", TOKENS.readonly())
                .body());
        assertThat(listed).hasSize(1);
        long id = listed.get(0).path("id").asLong();
        long missing = find(listed.get(0).path("items"), "tb-4").path("id").asLong();
        long differs = find(listed.get(0).path("items"), "tb-2").path("id").asLong();

        String importPath = "/api/v1/reconciliations/" + id + "/items/" + missing + "/import";
        assertThat(call("POST", importPath, TOKENS.readonly()).statusCode()).isEqualTo(403);
        HttpResponse<String> first = call("POST", importPath, TOKENS.admin());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("outcome").asString()).isEqualTo("BOOKED");
        HttpResponse<String> second = call("POST", importPath, TOKENS.admin());
        assertThat(JSON.readTree(second.body()).path("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(db.fetchCount(PAYMENT, PAYMENT.PROVIDER_PAYMENT_ID.eq("tb-4")))
                .isEqualTo(1);
        IncomingPayment booked = BOOKED.get(0);
        assertThat(booked.contract()).isEqualTo("C-9");
        assertThat(booked.amount()).isEqualByComparingTo("300.00");
        assertThat(booked.paidAt()).isEqualTo(EARLY);
        assertThat(call("POST", "/api/v1/reconciliations/" + id + "/items/" + differs + "/import", TOKENS.admin())
                        .statusCode())
                .as("only a missing one")
                .isEqualTo(409);

        JsonNode again = JSON.readTree(call("POST", "/api/v1/reconciliations/run?day=2026-12-01", TOKENS.admin())
                .body());
        assertThat(again.get(0).path("items"))
                .extracting(i -> i.path("providerPaymentId").asString())
                .containsExactlyInAnyOrder("tb-2", "tb-3");
        assertThat(JSON.readTree(call("GET", "/api/v1/reconciliations?provider=testbank", TOKENS.readonly())
                        .body()))
                .as("a run replaces the day's earlier one")
                .hasSize(1);
    }

    private static JsonNode find(JsonNode items, String providerPaymentId) {
        for (JsonNode item : items) {
            if (item.path("providerPaymentId").asString().equals(providerPaymentId)) {
                return item;
            }
        }
        throw new AssertionError("no item " + providerPaymentId + " in " + items);
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
