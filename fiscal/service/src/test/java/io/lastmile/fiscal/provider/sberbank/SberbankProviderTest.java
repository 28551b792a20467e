package io.lastmile.fiscal.provider.sberbank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.fiscal.payment.Checkout;
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

class SberbankProviderTest {

    private final LocalApi api = new LocalApi();
    private final SberbankProvider provider = new SberbankProvider();
    private final ProviderConfig config = new ProviderConfig(
            "sberbank",
            true,
            false,
            Map.of(
                    "userName",
                    "shop-api",
                    "password",
                    "pw",
                    "callbackKey",
                    "k",
                    "apiBaseUrl",
                    api.baseUrl("/payment/rest")));

    SberbankProviderTest() throws IOException {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void registersTheOrderAndRedirectsToItsForm() {
        api.answer("/payment/rest/register.do", 200, """
                {"orderId":"70906e55-7114-41d6-8332-4609dc6590f4",
                 "formUrl":"https://securepayments.sberbank.ru/payment/merchants/test/payment_ru.html?mdOrder=70906e55-7114-41d6-8332-4609dc6590f4"}""");

        Checkout checkout = provider.checkout(
                new FakeSpi().invoice(10747, "350000.99", "RUB"), config, "https://cabinet.example.org/paid");

        assertThat(checkout.method()).isEqualTo("GET");
        assertThat(checkout.url()).endsWith("mdOrder=70906e55-7114-41d6-8332-4609dc6590f4");
        assertThat(checkout.providerPaymentId()).isEqualTo("70906e55-7114-41d6-8332-4609dc6590f4");
        assertThat(api.requests.getFirst().body())
                .contains(
                        "userName=shop-api",
                        "password=pw",
                        "orderNumber=10747",
                        "amount=35000099",
                        "currency=643",
                        "returnUrl=https%3A%2F%2Fcabinet.example.org%2Fpaid");
    }

    @Test
    void reportsRegistersError() {
        api.answer("/payment/rest/register.do", 200, """
                {"errorCode":"1","errorMessage":"Заказ с таким номером уже обработан"}""");

        assertThatThrownBy(() -> provider.checkout(new FakeSpi().invoice(1, "10", "RUB"), config, "https://x"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("errorCode 1");
    }

    @Test
    void refusesAnAmountWithFractionsOfAKopeckBeforeAskingTheGateway() {
        assertThatThrownBy(() -> provider.checkout(new FakeSpi().invoice(1, "1.001", "RUB"), config, "https://x"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(api.requests).isEmpty();
    }

    @Test
    void readsTheOrdersStatus() {
        api.answer("/payment/rest/getOrderStatusExtended.do", 200, """
                {"errorCode":"0","errorMessage":"Успешно","orderNumber":"10747","orderStatus":4,
                 "amount":35000099,"currency":"643","authDateTime":1764000000000}""");

        ProviderPayment payment =
                provider.status("3ff6962a-7dcc-4283-ab50-a6d7dd3386fe", config).orElseThrow();

        assertThat(payment.status()).isEqualTo(ProviderPayment.Status.REFUNDED);
        assertThat(payment.invoiceId()).isEqualTo(10747L);
        assertThat(payment.amount()).isEqualByComparingTo("350000.99");
        assertThat(payment.currency()).isEqualTo("RUB");
    }

    @Test
    void knowsNoOrderTheGatewayDoesNotKnow() {
        api.answer("/payment/rest/getOrderStatusExtended.do", 200, """
                {"errorCode":"6","errorMessage":"Заказ не найден"}""");

        assertThat(provider.status("nope", config)).isEmpty();
    }

    @Test
    void mapsEveryOrderStatus() {
        assertThat(SberbankProvider.status(0)).isEqualTo(ProviderPayment.Status.PENDING);
        assertThat(SberbankProvider.status(1)).isEqualTo(ProviderPayment.Status.PENDING);
        assertThat(SberbankProvider.status(2)).isEqualTo(ProviderPayment.Status.PAID);
        assertThat(SberbankProvider.status(3)).isEqualTo(ProviderPayment.Status.FAILED);
        assertThat(SberbankProvider.status(4)).isEqualTo(ProviderPayment.Status.REFUNDED);
        assertThat(SberbankProvider.status(5)).isEqualTo(ProviderPayment.Status.PENDING);
        assertThat(SberbankProvider.status(6)).isEqualTo(ProviderPayment.Status.FAILED);
        assertThat(SberbankProvider.status(9)).isEqualTo(ProviderPayment.Status.UNKNOWN);
    }
}
