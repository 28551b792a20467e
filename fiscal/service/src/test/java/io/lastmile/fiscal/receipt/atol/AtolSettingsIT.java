package io.lastmile.fiscal.receipt.atol;

import static io.lastmile.fiscal.db.Tables.ATOL_SETTINGS;
import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.RECEIPT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.receipt.ReceiptJob;
import io.lastmile.testkit.RoleMatrixTestBase;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ATOL's settings through the API on a fresh install (ATOL off in the properties): stored with
 * the password sealed and never answered nor logged, and used by the very next sell.
 */
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "lastmile.fiscal.receipts.enabled=false",
            "lastmile.fiscal.receipts.poll-interval=0s",
            "lastmile.fiscal.receipts.retry-base=0s"
        })
@ExtendWith(OutputCaptureExtension.class)
class AtolSettingsIT extends RoleMatrixTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakeAtol ATOL = start();

    private static FakeAtol start() {
        try {
            return new FakeAtol();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
        db.deleteFrom(PAYMENT).execute();
        db.deleteFrom(ATOL_SETTINGS).execute();
        ATOL.waitsBeforeDone = 0;
    }

    private static Map<String, Object> valid() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("enabled", true);
        s.put("baseUrl", ATOL.baseUrl());
        s.put("login", FakeAtol.LOGIN);
        s.put("password", FakeAtol.PASSWORD);
        s.put("groupCode", FakeAtol.GROUP);
        s.put("inn", "5544332219");
        s.put("paymentAddress", "https://isp.example.ru");
        s.put("companyEmail", "billing@isp.example.ru");
        s.put("sno", "usn_income");
        s.put("vat", "none");
        return s;
    }

    @Test
    void storesTheSettingsWithoutEverAnsweringOrLoggingThePasswordAndTheNextSellUsesThem(CapturedOutput output)
            throws Exception {
        JsonNode fresh = JSON.readTree(call("GET", TOKENS.admin(), null).body());
        assertThat(fresh.path("source").asString()).isEqualTo("properties");
        assertThat(fresh.path("enabled").asBoolean()).isFalse();
        assertThat(fresh.path("passwordSet").asBoolean()).isFalse();
        payment("c1");
        assertThat(job.runOnce()).as("ATOL off: nothing sent").isZero();
        assertThat(ATOL.requests()).isEmpty();

        HttpResponse<String> put = call("PUT", TOKENS.admin(), valid());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(FakeAtol.PASSWORD);
        JsonNode saved = JSON.readTree(call("GET", TOKENS.admin(), null).body());
        assertThat(saved.path("source").asString()).isEqualTo("database");
        assertThat(saved.path("passwordSet").asBoolean()).isTrue();
        assertThat(saved.path("login").asString()).isEqualTo(FakeAtol.LOGIN);
        assertThat(saved.path("sno").asString()).isEqualTo("usn_income");
        assertThat(saved.path("updatedBy").asString()).isEqualTo("cli");
        assertThat(saved.has("password")).isFalse();
        byte[] sealed = db.select(ATOL_SETTINGS.PASSWORD_SEALED)
                .from(ATOL_SETTINGS)
                .fetchSingle()
                .value1();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(FakeAtol.PASSWORD);

        job.runOnce(); // the receipt made and sent with the new settings
        assertThat(ATOL.requests("/getToken").getLast().body().path("pass").asString())
                .isEqualTo(FakeAtol.PASSWORD);
        JsonNode sell = ATOL.requests("/sell").getLast().body();
        assertThat(sell.path("receipt").path("company").path("sno").asString()).isEqualTo("usn_income");
        assertThat(sell.path("receipt").path("company").path("payment_address").asString())
                .isEqualTo("https://isp.example.ru");
        job.runOnce(); // its report: done
        assertThat(db.select(RECEIPT.STATUS).from(RECEIPT).fetchSingle().value1())
                .isEqualTo("DONE");

        // a new password: the cached token is dropped and the next sell logs in with it
        int logins = ATOL.requests("/getToken").size();
        assertThat(call("PUT", TOKENS.admin(), Map.of("password", "another-Secret-9"))
                        .statusCode())
                .isEqualTo(200);
        payment("c2");
        job.runOnce();
        assertThat(ATOL.requests("/getToken")).hasSize(logins + 1);
        assertThat(ATOL.requests("/getToken").getLast().body().path("pass").asString())
                .isEqualTo("another-Secret-9");
        var refused = db.selectFrom(RECEIPT)
                .where(RECEIPT.EXTERNAL_ID.eq("cashdesk:c2"))
                .fetchSingle();
        assertThat(refused.getStatus()).as("ATOL refused the wrong password").isIn("FAILED", "QUEUED");
        assertThat(refused.getErrorText()).contains("login");
        assertThat(JSON.readTree(call("GET", TOKENS.admin(), null).body())
                        .path("passwordSet")
                        .asBoolean())
                .isTrue();

        assertThat(output.getAll()).doesNotContain(FakeAtol.PASSWORD).doesNotContain("another-Secret-9");
    }

    @Test
    void refusesInvalidSettingsNamingEachFieldAndKeepsWhatWasThere() throws Exception {
        Map<String, Object> bad = valid();
        bad.put("inn", "12345");
        bad.put("sno", "envd2");
        bad.put("baseUrl", "http://atol.example.com");
        bad.put("groupCode", "");
        bad.put("vat", "vat18");
        HttpResponse<String> refused = call("PUT", TOKENS.admin(), bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode errors = JSON.readTree(refused.body()).path("errors");
        assertThat(errors.has("inn")).isTrue();
        assertThat(errors.has("sno")).isTrue();
        assertThat(errors.has("baseUrl")).isTrue();
        assertThat(errors.has("groupCode")).isTrue();
        assertThat(errors.has("vat")).isTrue();
        assertThat(db.fetchCount(ATOL_SETTINGS)).as("nothing stored").isZero();

        Map<String, Object> noPassword = valid();
        noPassword.remove("password");
        HttpResponse<String> enabling = call("PUT", TOKENS.admin(), noPassword);
        assertThat(enabling.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(enabling.body()).path("errors").has("password"))
                .isTrue();

        Map<String, Object> twelve = valid();
        twelve.put("inn", "500100732259");
        twelve.put("baseUrl", "https://testonline.atol.ru/");
        assertThat(call("PUT", TOKENS.admin(), twelve).statusCode()).isEqualTo(200);
        assertThat(call("PUT", TOKENS.admin(), Map.of("inn", "55443322190")).statusCode())
                .isEqualTo(400);
        assertThat(JSON.readTree(call("GET", TOKENS.admin(), null).body())
                        .path("inn")
                        .asString())
                .isEqualTo("500100732259");
    }

    @Test
    void letsOnlyAdministratorsReadOrChangeThem() throws Exception {
        for (String token :
                new String[] {TOKENS.cashier(), TOKENS.readonly(), TOKENS.support(), TOKENS.subscriber(7)}) {
            assertThat(call("GET", token, null).statusCode()).isEqualTo(403);
            assertThat(call("PUT", token, valid()).statusCode()).isEqualTo(403);
        }
        assertThat(db.fetchCount(ATOL_SETTINGS)).isZero();
    }

    private void payment(String id) {
        OffsetDateTime now = OffsetDateTime.now();
        db.insertInto(PAYMENT)
                .set(PAYMENT.PROVIDER, "cashdesk")
                .set(PAYMENT.PROVIDER_PAYMENT_ID, id)
                .set(PAYMENT.PAYMENT_KEY, "cashdesk:" + id)
                .set(PAYMENT.CONTRACT, "C-7")
                .set(PAYMENT.ACCOUNT_ID, 7L)
                .set(PAYMENT.AMOUNT, new BigDecimal("100.00"))
                .set(PAYMENT.CURRENCY, "RUB")
                .set(PAYMENT.METHOD, "CASH")
                .set(PAYMENT.CUSTOMER_EMAIL, "a7@example.ru")
                .set(PAYMENT.PAID_AT, now)
                .set(PAYMENT.RECEIVED_AT, now)
                .execute();
    }

    private HttpResponse<String> call(String method, String token, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/fiscal/atol"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
