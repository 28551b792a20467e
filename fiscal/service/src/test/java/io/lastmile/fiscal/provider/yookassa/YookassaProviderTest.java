package io.lastmile.fiscal.provider.yookassa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.fiscal.payment.Checkout;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.provider.testing.FakeSpi;
import io.lastmile.fiscal.provider.testing.LocalApi;
import io.lastmile.platform.web.InvalidRequestException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class YookassaProviderTest {

    private final LocalApi api = new LocalApi();
    private final YookassaProvider provider = new YookassaProvider();
    private final ProviderConfig config = new ProviderConfig(
            "yookassa",
            true,
            false,
            Map.of("shopId", "54401", "secretKey", "test_key", "apiBaseUrl", api.baseUrl("/v3")));

    YookassaProviderTest() throws IOException {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createsAPaymentWithARedirectConfirmation() {
        api.answer("/v3/payments", 200, """
                {"id":"2419a771-000f-5000-9000-1edaf29243f2","status":"pending","paid":false,
                 "amount":{"value":"100.00","currency":"RUB"},
                 "confirmation":{"type":"redirect",
                  "confirmation_url":"https://yoomoney.ru/api-pages/v2/payment-confirm/epl?orderId=2419a771-000f-5000-9000-1edaf29243f2"},
                 "created_at":"2019-03-12T11:10:41.802Z","test":false}""");

        Checkout checkout =
                provider.checkout(new FakeSpi().invoice(72, "100", "RUB"), config, "https://cabinet.example.org/paid");

        assertThat(checkout.method()).isEqualTo("GET");
        assertThat(checkout.url()).startsWith("https://yoomoney.ru/api-pages/v2/payment-confirm/");
        assertThat(checkout.providerPaymentId()).isEqualTo("2419a771-000f-5000-9000-1edaf29243f2");
        LocalApi.Request sent = api.requests.getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("Idempotence-Key")).isEqualTo("lastmile-invoice-72");
        assertThat(sent.header("Authorization")).startsWith("Basic ");
        JsonNode body = JsonMapper.builder().build().readTree(sent.body());
        assertThat(body.path("amount").path("value").asString()).isEqualTo("100.00");
        assertThat(body.path("amount").path("currency").asString()).isEqualTo("RUB");
        assertThat(body.path("capture").asBoolean()).isTrue();
        assertThat(body.path("confirmation").path("type").asString()).isEqualTo("redirect");
        assertThat(body.path("confirmation").path("return_url").asString())
                .isEqualTo("https://cabinet.example.org/paid");
        assertThat(body.path("metadata").path("invoice_id").asString()).isEqualTo("72");
    }

    @Test
    void refusesAnAmountWithMoreDecimalsThanTheCurrencyHas() {
        assertThatThrownBy(() -> provider.checkout(new FakeSpi().invoice(72, "100.001", "RUB"), config, "https://x"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(api.requests).isEmpty();
    }

    @Test
    void readsAPaymentsStatusAndKnowsNoUnknownOne() {
        api.answer(
                "/v3/payments/22d6d597-000f-5000-9000-145f6df21d6f",
                200,
                YookassaNotificationsTest.payment("succeeded", "2.00", "72"));

        ProviderPayment payment =
                provider.status("22d6d597-000f-5000-9000-145f6df21d6f", config).orElseThrow();

        assertThat(payment.status()).isEqualTo(ProviderPayment.Status.PAID);
        assertThat(payment.invoiceId()).isEqualTo(72L);
        assertThat(payment.contract()).isEqualTo("C-72");
        assertThat(payment.amount()).isEqualByComparingTo("2.00");
        assertThat(provider.status("unknown", config)).isEmpty();
    }

    @Test
    void listsTheDaysPaymentsPageByPage() {
        api.answer("/v3/payments", 200, """
                {"type":"list","items":[%s],"next_cursor":"37a5c87d-3984-51e8-a7f3-8de646d39ec15"}""".formatted(YookassaNotificationsTest.payment("succeeded", "2.00", "72")));

        api.answerQuery("/v3/payments", "cursor=37a5c87d", 200, """
                {"type":"list","items":[%s]}""".formatted(
                        YookassaNotificationsTest.payment("succeeded", "5.00", "73")));

        List<ProviderPayment> payments =
                provider.payments(LocalDate.of(2018, 7, 10), ZoneId.of("Europe/Moscow"), config);

        assertThat(payments).extracting(ProviderPayment::invoiceId).containsExactly(72L, 73L);
        assertThat(api.requests).hasSize(2);
        assertThat(api.requests.getFirst().query())
                .contains(
                        "status=succeeded",
                        "captured_at.gte=2018-07-09T21%3A00%3A00Z",
                        "captured_at.lt=2018-07-10T21%3A00%3A00Z");
    }
}
