package io.lastmile.fiscal.receipt.atol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.fiscal.receipt.FiscalException;
import io.lastmile.fiscal.receipt.FiscalReport;
import io.lastmile.fiscal.receipt.ReceiptDocument;
import io.lastmile.fiscal.receipt.ReceiptKind;
import io.lastmile.testkit.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The ATOL v5 client against a local server that answers as ATOL's documentation says. */
class AtolClientTest {

    private final FakeAtol atol = newAtol();
    private final TestClock clock = TestClock.at("2026-12-07T09:15:30Z");
    private final AtolClient client = new AtolClient(atol.settings(), clock);

    private static FakeAtol newAtol() {
        try {
            return new FakeAtol();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        atol.close();
    }

    private static ReceiptDocument sell(String key, String amount, boolean cash) {
        return new ReceiptDocument(
                ReceiptKind.SELL,
                key,
                Instant.parse("2026-12-07T09:15:30Z"),
                "subscriber@example.ru",
                null,
                new BigDecimal(amount),
                "RUB",
                cash);
    }

    @Test
    void sendsTheSellReceiptFieldByFieldAsDocumented() {
        String uuid = client.register(sell("robokassa:17", "799.00", false));

        assertThat(uuid).isNotBlank();
        FakeAtol.Request token = atol.requests("/getToken").get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.body().propertyNames()).containsExactly("login", "pass");
        assertThat(token.body().path("login").asString()).isEqualTo(FakeAtol.LOGIN);
        assertThat(token.body().path("pass").asString()).isEqualTo(FakeAtol.PASSWORD);

        FakeAtol.Request sell = atol.requests("/" + FakeAtol.GROUP + "/sell").get(0);
        assertThat(sell.header("Token")).isEqualTo("token-1");
        assertThat(sell.header("Content-Type")).startsWith("application/json");
        JsonNode body = sell.body();
        assertThat(body.propertyNames()).containsExactly("external_id", "receipt", "timestamp");
        assertThat(body.path("external_id").asString()).isEqualTo("robokassa:17");
        // ATOL's format dd.MM.yyyy HH:mm:ss, in the configured zone (Moscow, UTC+3)
        assertThat(body.path("timestamp").asString()).isEqualTo("07.12.2026 12:15:30");
        JsonNode receipt = body.path("receipt");
        assertThat(receipt.propertyNames()).containsExactly("client", "company", "items", "payments", "total");
        assertThat(receipt.path("client").propertyNames()).containsExactly("email");
        assertThat(receipt.path("client").path("email").asString()).isEqualTo("subscriber@example.ru");
        JsonNode company = receipt.path("company");
        assertThat(company.path("email").asString()).isEqualTo("company@example.ru");
        assertThat(company.path("sno").asString()).isEqualTo("osn");
        assertThat(company.path("inn").asString()).isEqualTo("5544332219");
        assertThat(company.path("payment_address").asString()).isEqualTo("https://v4.online.atol.ru");
        assertThat(receipt.path("items")).hasSize(1);
        JsonNode item = receipt.path("items").get(0);
        assertThat(item.propertyNames())
                .containsExactly(
                        "name", "price", "quantity", "sum", "measure", "payment_method", "payment_object", "vat");
        assertThat(item.path("name").asString()).isEqualTo("Услуги связи");
        assertThat(item.path("price").decimalValue()).isEqualByComparingTo("799.00");
        assertThat(item.path("quantity").decimalValue()).isEqualByComparingTo("1");
        assertThat(item.path("sum").decimalValue()).isEqualByComparingTo("799.00");
        assertThat(item.path("measure").asInt()).isZero();
        assertThat(item.path("payment_method").asString()).isEqualTo("full_payment");
        assertThat(item.path("payment_object").asInt()).isEqualTo(4);
        assertThat(item.path("vat").path("type").asString()).isEqualTo("vat20");
        JsonNode payment = receipt.path("payments").get(0);
        assertThat(payment.path("type").asInt()).as("1 is electronic").isEqualTo(1);
        assertThat(payment.path("sum").decimalValue()).isEqualByComparingTo("799.00");
        assertThat(receipt.path("total").decimalValue()).isEqualByComparingTo("799.00");
    }

    @Test
    void sendsARefundOfCashToSellRefundWithPaymentTypeZeroAndThePhone() {
        client.register(new ReceiptDocument(
                ReceiptKind.SELL_REFUND,
                "cashdesk:refund:5",
                Instant.now(),
                null,
                "+79990001122",
                new BigDecimal("100.50"),
                "RUB",
                true));

        FakeAtol.Request refund =
                atol.requests("/" + FakeAtol.GROUP + "/sell_refund").get(0);
        assertThat(refund.body().path("external_id").asString()).isEqualTo("cashdesk:refund:5");
        assertThat(refund.body().path("receipt").path("client").path("phone").asString())
                .isEqualTo("+79990001122");
        assertThat(refund.body()
                        .path("receipt")
                        .path("payments")
                        .get(0)
                        .path("type")
                        .asInt())
                .isZero();
        assertThat(atol.requests("/sell")).isEmpty();
    }

    @Test
    void keepsTheTokenAndRenewsItBeforeItsDayEnds() {
        client.register(sell("p:1", "10.00", false));
        client.register(sell("p:2", "10.00", false));
        assertThat(atol.tokensIssued()).isEqualTo(1);

        clock.advance(Duration.ofHours(23));
        client.register(sell("p:3", "10.00", false));

        assertThat(atol.tokensIssued()).isEqualTo(2);
        assertThat(atol.requests("/sell").get(2).header("Token")).isEqualTo("token-2");
    }

    @Test
    void getsANewTokenWhenAtolSaysItExpired() {
        client.register(sell("p:1", "10.00", false));
        atol.expireTokens();

        String uuid = client.register(sell("p:2", "10.00", false));

        assertThat(uuid).isNotBlank();
        assertThat(atol.tokensIssued()).isEqualTo(2);
        assertThat(atol.requests("/sell"))
                .extracting(r -> r.header("Token"))
                .containsExactly("token-1", "token-1", "token-2");
    }

    @Test
    void refusesForGoodOnWrongCredentialsWithoutTellingThePassword() {
        AtolProperties s = atol.settings();
        AtolClient wrong = new AtolClient(
                new AtolProperties(
                        true,
                        s.baseUrl(),
                        s.login(),
                        "wrong-secret",
                        s.groupCode(),
                        s.inn(),
                        s.paymentAddress(),
                        s.companyEmail(),
                        s.sno(),
                        s.vat(),
                        s.itemName(),
                        s.paymentObject(),
                        s.paymentMethod(),
                        s.zone(),
                        s.timeout(),
                        s.tokenLifetime()),
                clock);

        assertThatThrownBy(() -> wrong.register(sell("p:1", "10.00", false)))
                .isInstanceOfSatisfying(FiscalException.class, e -> {
                    assertThat(e.temporary()).isFalse();
                    assertThat(e.code()).isEqualTo("12");
                    assertThat(e.getMessage())
                            .contains("Неверный логин или пароль")
                            .doesNotContain("wrong-secret");
                });
        assertThat(atol.requests("/sell")).isEmpty();
        assertThat(s.toString()).doesNotContain(FakeAtol.PASSWORD);
    }

    @Test
    void keepsAValidationErrorAsPermanentWithItsCode() {
        AtolProperties s = atol.settings();
        AtolClient noInn = new AtolClient(
                new AtolProperties(
                        true,
                        s.baseUrl(),
                        s.login(),
                        s.password(),
                        s.groupCode(),
                        "",
                        s.paymentAddress(),
                        s.companyEmail(),
                        s.sno(),
                        s.vat(),
                        s.itemName(),
                        s.paymentObject(),
                        s.paymentMethod(),
                        s.zone(),
                        s.timeout(),
                        s.tokenLifetime()),
                clock);

        assertThatThrownBy(() -> noInn.register(sell("p:1", "10.00", false)))
                .isInstanceOfSatisfying(FiscalException.class, e -> {
                    assertThat(e.temporary()).isFalse();
                    assertThat(e.code()).isEqualTo("32");
                    assertThat(e.getMessage()).contains("Ошибка валидации");
                });
    }

    @Test
    void takesTheExistingUuidWhenTheExternalIdWasSentBefore() {
        String first = client.register(sell("p:1", "10.00", false));

        String again = client.register(sell("p:1", "10.00", false));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void callsAServerErrorTemporary() {
        client.token();
        atol.serverErrors.set(1);

        assertThatThrownBy(() -> client.register(sell("p:1", "10.00", false)))
                .isInstanceOfSatisfying(
                        FiscalException.class, e -> assertThat(e.temporary()).isTrue());
        assertThat(client.register(sell("p:1", "10.00", false))).isNotBlank();
    }

    @Test
    void callsATimeoutTemporary() {
        AtolClient impatient = new AtolClient(FakeAtol.settings(atol.baseUrl(), Duration.ofMillis(300)), clock);
        atol.delayMillis = 2000;

        assertThatThrownBy(() -> impatient.register(sell("p:1", "10.00", false)))
                .isInstanceOfSatisfying(FiscalException.class, e -> {
                    assertThat(e.temporary()).isTrue();
                    assertThat(e.code()).isEqualTo("timeout");
                });
    }

    @Test
    void refusesAnAmountWithMoreDecimalsThanRublesHaveInsteadOfRounding() {
        assertThatThrownBy(() -> client.register(sell("p:1", "10.005", false)))
                .isInstanceOfSatisfying(FiscalException.class, e -> {
                    assertThat(e.temporary()).isFalse();
                    assertThat(e.getMessage()).contains("10.005");
                });
        assertThat(atol.requests("/sell")).isEmpty();
    }

    @Test
    void pollsTheReportUntilDoneAndReadsTheFiscalAttributes() {
        atol.waitsBeforeDone = 1;
        String uuid = client.register(sell("p:1", "15.98", false));

        assertThat(client.report(uuid)).isInstanceOf(FiscalReport.Waiting.class);
        FiscalReport done = client.report(uuid);

        assertThat(done).isInstanceOfSatisfying(FiscalReport.Done.class, d -> {
            FiscalReport.FiscalAttributes a = d.attributes();
            assertThat(a.fnNumber()).isEqualTo("9999078902004339");
            assertThat(a.fiscalReceiptNumber()).isEqualTo(6L);
            assertThat(a.fiscalDocumentNumber()).isEqualTo(133L);
            assertThat(a.fiscalDocumentAttribute()).isEqualTo(3449555941L);
            assertThat(a.receiptDatetime()).isEqualTo(Instant.parse("2021-11-04T09:48:00Z"));
            assertThat(a.ecrRegistrationNumber()).isEqualTo("0000000001002292");
            assertThat(a.shiftNumber()).isEqualTo(23);
            assertThat(a.total()).isEqualByComparingTo("1598");
            assertThat(a.ofdSite()).isEqualTo("www.nalog.gov.ru");
        });
        assertThat(atol.requests("/report/" + uuid))
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void reportsAFailWithAtolsErrorKept() {
        atol.waitsBeforeDone = 0;
        atol.failReports = true;
        String uuid = client.register(sell("p:1", "15.98", false));

        assertThat(client.report(uuid)).isEqualTo(new FiscalReport.Failed("20", "Ошибка ККТ: неверная сумма"));
    }
}
