package io.lastmile.fiscal.provider.tbank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.fiscal.payment.Checkout;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import io.lastmile.fiscal.provider.testing.FakeSpi;
import io.lastmile.fiscal.provider.testing.LocalApi;
import io.lastmile.platform.web.InvalidRequestException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TbankProviderTest {

    private final LocalApi api = new LocalApi();
    private final TbankProvider provider = new TbankProvider();
    private final ProviderConfig config = new ProviderConfig(
            "tbank",
            true,
            false,
            Map.of("terminalKey", "TestTerminal", "password", "pass", "apiBaseUrl", api.baseUrl("/v2")));

    TbankProviderTest() throws IOException {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createsThePaymentPageWithASignedInit() {
        api.answer("/v2/Init", 200, """
                {"Success":true,"ErrorCode":"0","TerminalKey":"TestTerminal","Status":"NEW",
                 "PaymentId":"3093639567","OrderId":"42","Amount":100050,
                 "PaymentURL":"https://securepay.tinkoff.ru/new/fU1ppgqa"}""");
        Invoice invoice = new FakeSpi().invoice(42, "1000.50", "RUB");

        Checkout checkout = provider.checkout(invoice, config, "https://cabinet.example.org/paid");

        assertThat(checkout.method()).isEqualTo("GET");
        assertThat(checkout.url()).isEqualTo("https://securepay.tinkoff.ru/new/fU1ppgqa");
        assertThat(checkout.providerPaymentId()).isEqualTo("3093639567");
        JsonNode sent =
                JsonMapper.builder().build().readTree(api.requests.getFirst().body());
        assertThat(sent.path("TerminalKey").asString()).isEqualTo("TestTerminal");
        assertThat(sent.path("Amount").asString()).isEqualTo("100050");
        assertThat(sent.path("OrderId").asString()).isEqualTo("42");
        assertThat(sent.path("SuccessURL").asString()).isEqualTo("https://cabinet.example.org/paid");
        assertThat(TbankToken.verify(sent, "pass")).as("Init's Token").isTrue();
    }

    @Test
    void refusesAnAmountWithFractionsOfAKopeck() {
        Invoice invoice = new FakeSpi().invoice(42, "10.005", "RUB");

        assertThatThrownBy(() -> provider.checkout(invoice, config, "https://cabinet.example.org/paid"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("10.005");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void reportsInitsRefusal() {
        api.answer("/v2/Init", 200, """
                {"Success":false,"ErrorCode":"204","Message":"Неверный токен"}""");

        assertThatThrownBy(() -> provider.checkout(new FakeSpi().invoice(1, "10", "RUB"), config, "https://x"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("204");
    }

    @Test
    void readsThePaymentsStateWithASignedGetState() {
        api.answer("/v2/GetState", 200, """
                {"Success":true,"ErrorCode":"0","Message":"OK","TerminalKey":"TestTerminal",
                 "Status":"CONFIRMED","PaymentId":"3093639567","OrderId":"42","Amount":100050}""");

        ProviderPayment payment = provider.status("3093639567", config).orElseThrow();

        assertThat(payment.status()).isEqualTo(ProviderPayment.Status.PAID);
        assertThat(payment.invoiceId()).isEqualTo(42L);
        assertThat(payment.amount()).isEqualByComparingTo("1000.50");
        JsonNode sent =
                JsonMapper.builder().build().readTree(api.requests.getFirst().body());
        assertThat(sent.path("PaymentId").asString()).isEqualTo("3093639567");
        assertThat(TbankToken.verify(sent, "pass")).isTrue();
    }

    @Test
    void saysTheProviderIsUnavailableWhenTheApiIsDown() {
        ProviderConfig down = new ProviderConfig(
                "tbank",
                true,
                false,
                Map.of("terminalKey", "TestTerminal", "password", "pass", "apiBaseUrl", "http://127.0.0.1:1/v2"));

        assertThatThrownBy(() -> provider.status("1", down)).isInstanceOf(ProviderUnavailableException.class);
    }
}
