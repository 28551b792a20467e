package io.lastmile.fiscal.provider.yookassa;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.provider.testing.FakeSpi;
import io.lastmile.fiscal.provider.testing.LocalApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class YookassaNotificationsTest {

    private static final String ID = "22d6d597-000f-5000-9000-145f6df21d6f";
    private static final String FROM_YOOKASSA = "185.71.76.10";

    /** The documentation's payment.succeeded notification, for invoice 72. */
    private static final String SUCCEEDED = """
            {"type":"notification","event":"payment.succeeded","object":{"id":"%s","status":"succeeded",
             "paid":true,"amount":{"value":"2.00","currency":"RUB"},"created_at":"2018-07-10T14:27:54.691Z",
             "description":"Заказ №72","metadata":{"invoice_id":"72"},
             "payment_method":{"type":"bank_card","id":"%s","saved":false,
              "card":{"first6":"555555","last4":"4444","expiry_month":"07","expiry_year":"2021","card_type":"MasterCard"},
              "title":"Bank card *4444"},"refundable":false,"test":false}}""".formatted(ID, ID);

    private final FakeSpi spi = new FakeSpi();
    private final LocalApi api = new LocalApi();
    private final YookassaNotifications notifications =
            new YookassaNotifications(spi, spi, spi, new YookassaProvider(), Optional.empty());

    YookassaNotificationsTest() throws IOException {}

    @BeforeEach
    void shop() {
        spi.config(new ProviderConfig(
                "yookassa",
                true,
                false,
                Map.of("shopId", "54401", "secretKey", "test_Fh8hUAVVBGUGbjmlzba", "apiBaseUrl", api.baseUrl("/v3"))));
        spi.invoice(72, "2.00", "RUB");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void booksThePaymentAsTheApiReportsItAndAnswers200() {
        api.answer("/v3/payments/" + ID, 200, payment("succeeded", "2.00", "72"));

        ResponseEntity<String> answer = notify(FROM_YOOKASSA, SUCCEEDED);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(spi.booked()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("yookassa");
            assertThat(p.providerPaymentId()).isEqualTo(ID);
            assertThat(p.invoiceId()).isEqualTo(72L);
            assertThat(p.contract()).isEqualTo("C-72");
            assertThat(p.amount()).isEqualByComparingTo("2.00");
            assertThat(p.currency()).isEqualTo("RUB");
            assertThat(p.paidAt()).isEqualTo(Instant.parse("2018-07-10T14:28:10.230Z"));
            assertThat(p.testMode()).isTrue();
            assertThat(p.details()).containsEntry("card", "*4444");
        });
        LocalApi.Request fetch = api.requests.getFirst();
        assertThat(fetch.method()).isEqualTo("GET");
        assertThat(fetch.header("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString("54401:test_Fh8hUAVVBGUGbjmlzba".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesANotificationFromOutsideTheSourceNetworksWithoutAskingTheApi() {
        api.answer("/v3/payments/" + ID, 200, payment("succeeded", "2.00", "72"));

        ResponseEntity<String> answer = notify("203.0.113.7", SUCCEEDED);

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(api.requests).isEmpty();
        assertThat(spi.received).isEmpty();
    }

    @Test
    void hearsTheOperatorsOwnSourceNetworks() {
        spi.config(new ProviderConfig(
                "yookassa",
                true,
                false,
                Map.of(
                        "shopId",
                        "54401",
                        "secretKey",
                        "s",
                        "apiBaseUrl",
                        api.baseUrl("/v3"),
                        "sourceNetworks",
                        "10.20.0.0/16")));
        api.answer("/v3/payments/" + ID, 200, payment("succeeded", "2.00", "72"));

        assertThat(notify("10.20.3.4", SUCCEEDED).getStatusCode().value()).isEqualTo(200);
        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void holdsNotificationsBackWhileTheSourceNetworksSettingIsWrong() {
        spi.config(new ProviderConfig(
                "yookassa",
                true,
                false,
                Map.of(
                        "shopId",
                        "54401",
                        "secretKey",
                        "s",
                        "apiBaseUrl",
                        api.baseUrl("/v3"),
                        "sourceNetworks",
                        "185.71.76.0/99")));

        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(503);
        assertThat(api.requests).isEmpty();
    }

    @Test
    void believesTheApiNotTheBody() {
        api.answer("/v3/payments/" + ID, 200, payment("pending", "2.00", "72"));

        ResponseEntity<String> answer = notify(FROM_YOOKASSA, SUCCEEDED);

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void refusesAPaymentTheApiDoesNotKnowOrTheWrongShopsKey() {
        api.answer("/v3/payments/" + ID, 401, """
                {"type":"error","code":"invalid_credentials","description":"Authentication by given credentials failed"}""");

        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(503);
        assertThat(spi.received).isEmpty();
        api.answer("/v3/payments/" + ID, 404, "{\"type\":\"error\",\"code\":\"not_found\"}");
        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(422);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void booksAReplayedNotificationOnce() {
        api.answer("/v3/payments/" + ID, 200, payment("succeeded", "2.00", "72"));

        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(200);
        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(200);

        assertThat(spi.booked()).hasSize(1);
    }

    @Test
    void refusesAnAmountOtherThanTheInvoices() {
        api.answer("/v3/payments/" + ID, 200, payment("succeeded", "1.99", "72"));

        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(422);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void refusesAPaymentOfNoInvoiceOfOurs() {
        api.answer("/v3/payments/" + ID, 200, payment("succeeded", "2.00", "7272"));

        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(422);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void asksForTheNotificationAgainWhenTheApiIsDownOrTheBookCannotCheck() {
        spi.config(new ProviderConfig(
                "yookassa",
                true,
                false,
                Map.of("shopId", "54401", "secretKey", "s", "apiBaseUrl", "http://127.0.0.1:1/v3")));
        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(503);

        shop();
        api.answer("/v3/payments/" + ID, 200, payment("succeeded", "2.00", "72"));
        spi.answerNext(BookingResult.Outcome.RETRY_LATER);
        assertThat(notify(FROM_YOOKASSA, SUCCEEDED).getStatusCode().value()).isEqualTo(503);
        assertThat(spi.booked()).isEmpty();
    }

    @Test
    void booksASucceededRefundAsTheApiReportsIt() {
        String refundId = "216749f7-0016-50be-b000-078d43a63ae4";
        api.answer("/v3/refunds/" + refundId, 200, """
                {"id":"%s","status":"succeeded","amount":{"value":"1.00","currency":"RUB"},
                 "created_at":"2017-10-04T19:27:51.407Z","payment_id":"%s"}""".formatted(refundId, ID));

        ResponseEntity<String> answer = notify(FROM_YOOKASSA, """
                {"type":"notification","event":"refund.succeeded","object":{"id":"%s","status":"succeeded",
                 "amount":{"value":"1.00","currency":"RUB"},"created_at":"2017-10-04T19:27:51.407Z",
                 "payment_id":"%s"}}""".formatted(refundId, ID));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(spi.refunds).singleElement().satisfies(r -> {
            assertThat(r.providerPaymentId()).isEqualTo(ID);
            assertThat(r.providerRefundId()).isEqualTo(refundId);
            assertThat(r.amount()).isEqualByComparingTo("1.00");
        });
    }

    @Test
    void answers200ToAnEventThatBooksNothing() {
        assertThat(notify(FROM_YOOKASSA, SUCCEEDED.replace("payment.succeeded", "payment.waiting_for_capture"))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(api.requests).isEmpty();
    }

    @Test
    void refusesAnIdThatCouldLeaveThePaymentsPath() {
        assertThat(notify(FROM_YOOKASSA, SUCCEEDED.replace("\"id\":\"" + ID, "\"id\":\"../refunds/x"))
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(api.requests).isEmpty();
    }

    private ResponseEntity<String> notify(String from, String body) {
        return notifications.handle(from, body.getBytes(StandardCharsets.UTF_8));
    }

    static String payment(String status, String amount, String invoiceId) {
        return """
                {"id":"%s","status":"%s","paid":%s,"amount":{"value":"%s","currency":"RUB"},
                 "captured_at":"2018-07-10T14:28:10.230Z","created_at":"2018-07-10T14:27:54.691Z",
                 "metadata":{"invoice_id":"%s","contract":"C-72"},
                 "payment_method":{"type":"bank_card","id":"%s","saved":false,"card":{"last4":"4444"}},
                 "refundable":true,"test":true}""".formatted(ID, status, "succeeded".equals(status), amount, invoiceId, ID);
    }
}
