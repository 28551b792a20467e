package io.lastmile.fiscal.provider.sberbank;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.provider.testing.FakeSpi;
import io.lastmile.fiscal.provider.testing.LocalApi;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class SberbankCallbacksTest {

    private static final String KEY = "yourSecretToken";
    private final FakeSpi spi = new FakeSpi();
    private final LocalApi api = new LocalApi();
    private final SberbankCallbacks callbacks =
            new SberbankCallbacks(spi, spi, spi, new SberbankProvider(), Optional.empty());

    SberbankCallbacksTest() throws IOException {}

    @BeforeEach
    void merchant() {
        spi.config(config(KEY));
        spi.invoice(10747, "350000.99", "RUB");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void booksTheDocumentedDepositedCallbackAndAnswers200() {
        ResponseEntity<String> answer = callbacks.handle(SberbankChecksumTest.DOCUMENTED);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(spi.booked()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("sberbank");
            assertThat(p.providerPaymentId()).isEqualTo("3ff6962a-7dcc-4283-ab50-a6d7dd3386fe");
            assertThat(p.invoiceId()).isEqualTo(10747L);
            assertThat(p.contract()).isEqualTo("C-10747");
            assertThat(p.amount()).isEqualByComparingTo("350000.99");
            assertThat(p.currency()).isEqualTo("RUB");
        });
    }

    @Test
    void refusesATamperedCallback() {
        Map<String, String> tampered = new HashMap<>(SberbankChecksumTest.DOCUMENTED);
        tampered.put("orderNumber", "10748");

        assertThat(callbacks.handle(tampered).getStatusCode().value()).isEqualTo(403);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void refusesAChecksumOfAnotherKey() {
        spi.config(config("anotherKey"));

        assertThat(callbacks
                        .handle(SberbankChecksumTest.DOCUMENTED)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void booksAReplayedCallbackOnce() {
        assertThat(callbacks
                        .handle(SberbankChecksumTest.DOCUMENTED)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(callbacks
                        .handle(SberbankChecksumTest.DOCUMENTED)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        assertThat(spi.booked()).hasSize(1);
    }

    @Test
    void refusesAnAmountOtherThanTheInvoices() {
        ResponseEntity<String> answer = callbacks.handle(signed(Map.of("amount", "35000098")));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void refusesAnOrderNumberThatIsNoInvoiceOfOurs() {
        ResponseEntity<String> answer = callbacks.handle(signed(Map.of("orderNumber", "99999")));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void asksForTheCallbackAgainWhenTheBookCannotCheckTheAccount() {
        spi.answerNext(BookingResult.Outcome.RETRY_LATER);

        assertThat(callbacks
                        .handle(SberbankChecksumTest.DOCUMENTED)
                        .getStatusCode()
                        .value())
                .isEqualTo(503);
        assertThat(spi.booked()).isEmpty();
    }

    @Test
    void booksNothingForAFailedOperation() {
        ResponseEntity<String> answer = callbacks.handle(signed(Map.of("status", "0")));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void booksARefund() {
        ResponseEntity<String> answer = callbacks.handle(signed(Map.of("operation", "refunded", "amount", "10000")));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(spi.refunds).singleElement().satisfies(r -> {
            assertThat(r.providerPaymentId()).isEqualTo("3ff6962a-7dcc-4283-ab50-a6d7dd3386fe");
            assertThat(r.amount()).isEqualByComparingTo("100.00");
            assertThat(r.currency()).isEqualTo("RUB");
        });
    }

    @Test
    void asksTheGatewayForTheAmountWhenTheCallbackHasNone() {
        api.answer("/payment/rest/getOrderStatusExtended.do", 200, """
                {"errorCode":"0","errorMessage":"Успешно","orderNumber":"10747","orderStatus":2,
                 "amount":35000099,"currency":"643","authDateTime":1764000000000}""");
        spi.config(new ProviderConfig(
                "sberbank",
                true,
                false,
                Map.of(
                        "userName",
                        "shop-api",
                        "password",
                        "pw",
                        "callbackKey",
                        KEY,
                        "apiBaseUrl",
                        api.baseUrl("/payment/rest"))));
        Map<String, String> params = new HashMap<>(SberbankChecksumTest.DOCUMENTED);
        params.remove("amount");
        params.put("checksum", SberbankChecksum.of(params, KEY));

        ResponseEntity<String> answer = callbacks.handle(params);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(spi.booked()).singleElement().satisfies(p -> assertThat(p.amount())
                .isEqualByComparingTo("350000.99"));
        assertThat(api.requests.getFirst().body()).contains("orderId=3ff6962a-7dcc-4283-ab50-a6d7dd3386fe");
    }

    @Test
    void asksForTheCallbackAgainWhenTheGatewayCannotBeAsked() {
        Map<String, String> params = new HashMap<>(SberbankChecksumTest.DOCUMENTED);
        params.remove("amount");
        params.put("checksum", SberbankChecksum.of(params, KEY));
        spi.config(new ProviderConfig(
                "sberbank",
                true,
                false,
                Map.of(
                        "userName",
                        "shop-api",
                        "password",
                        "pw",
                        "callbackKey",
                        KEY,
                        "apiBaseUrl",
                        "http://127.0.0.1:1/payment/rest")));

        assertThat(callbacks.handle(params).getStatusCode().value()).isEqualTo(503);
        assertThat(spi.received).isEmpty();
    }

    private static Map<String, String> signed(Map<String, String> changes) {
        Map<String, String> params = new HashMap<>(SberbankChecksumTest.DOCUMENTED);
        params.putAll(changes);
        params.put("checksum", SberbankChecksum.of(params, KEY));
        return params;
    }

    private static ProviderConfig config(String key) {
        return new ProviderConfig(
                "sberbank", true, false, Map.of("userName", "shop-api", "password", "pw", "callbackKey", key));
    }
}
