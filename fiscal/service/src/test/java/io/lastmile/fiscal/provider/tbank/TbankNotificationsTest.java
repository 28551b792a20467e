package io.lastmile.fiscal.provider.tbank;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.provider.testing.FakeSpi;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class TbankNotificationsTest {

    /**
     * A CONFIRMED notification in the documented shape (Amount and CardId numbers, Success a
     * boolean); its Token computed with sha256sum over
     * "100000" "322271" "0" "1122" "42" "430000******0777" "pass" "7777777777" "CONFIRMED" "true" "TestTerminal".
     */
    static final String CONFIRMED = """
            {"TerminalKey":"TestTerminal","OrderId":"42","Success":true,"Status":"CONFIRMED",\
            "PaymentId":7777777777,"ErrorCode":"0","Amount":100000,"CardId":322271,\
            "Pan":"430000******0777","ExpDate":"1122",\
            "Token":"c4ee4b400357f0f5f6e22955843da7bd7250c4f826fffda66f63ad7adb407757"}""";

    private static final String REFUNDED = CONFIRMED
            .replace("CONFIRMED", "REFUNDED")
            .replace(
                    "c4ee4b400357f0f5f6e22955843da7bd7250c4f826fffda66f63ad7adb407757",
                    "1bd2c79d26f20542f3bfadf1199dfc93d7e2f86805fea7d725281fd5ae3cb8cd");

    private final FakeSpi spi = new FakeSpi();
    private final TbankNotifications notifications = new TbankNotifications(spi, spi, spi, Optional.empty());

    @BeforeEach
    void terminal() {
        spi.config(config("pass", true));
        spi.invoice(42, "1000.00", "RUB");
    }

    @Test
    void booksAConfirmedPaymentAndAnswersOk() {
        ResponseEntity<String> answer = post(CONFIRMED);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).isEqualTo("OK");
        assertThat(spi.booked()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("tbank");
            assertThat(p.providerPaymentId()).isEqualTo("7777777777");
            assertThat(p.invoiceId()).isEqualTo(42L);
            assertThat(p.contract()).isEqualTo("C-42");
            assertThat(p.amount()).isEqualByComparingTo("1000.00");
            assertThat(p.currency()).isEqualTo("RUB");
            assertThat(p.testMode()).isTrue();
            assertThat(p.details()).containsEntry("pan", "430000******0777");
        });
    }

    @Test
    void refusesATamperedBody() {
        ResponseEntity<String> answer = post(CONFIRMED.replace("\"Amount\":100000", "\"Amount\":1000000"));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(answer.getBody()).isNotEqualTo("OK");
        assertThat(spi.received).isEmpty();
    }

    @Test
    void refusesATokenMadeWithAnotherPassword() {
        spi.config(config("another-password", true));

        assertThat(post(CONFIRMED).getStatusCode().value()).isEqualTo(403);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void refusesAnotherTerminalsNotification() {
        spi.config(
                new ProviderConfig("tbank", true, false, Map.of("terminalKey", "OtherTerminal", "password", "pass")));

        assertThat(post(CONFIRMED).getStatusCode().value()).isEqualTo(403);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void booksAReplayedNotificationOnceAndAnswersOkEachTime() {
        assertThat(post(CONFIRMED).getBody()).isEqualTo("OK");
        assertThat(post(CONFIRMED).getBody()).isEqualTo("OK");

        assertThat(spi.received).hasSize(2);
        assertThat(spi.booked()).hasSize(1);
    }

    @Test
    void refusesAnAmountOtherThanTheInvoices() {
        ResponseEntity<String> answer = post(signed(Map.of("Amount", 99999L)));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void refusesAnOrderThatIsNoInvoiceOfOurs() {
        ResponseEntity<String> answer = post(signed(Map.of("OrderId", "4242")));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(answer.getBody()).isNotEqualTo("OK");
        assertThat(spi.received).isEmpty();
    }

    @Test
    void asksForTheNotificationAgainWhenTheBookCannotCheckTheAccount() {
        spi.answerNext(BookingResult.Outcome.RETRY_LATER);

        ResponseEntity<String> answer = post(CONFIRMED);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody()).isNotEqualTo("OK");
        assertThat(spi.booked()).isEmpty();
    }

    @Test
    void refusesWhatTheBookRefuses() {
        spi.answerNext(BookingResult.Outcome.UNKNOWN_ACCOUNT);

        assertThat(post(CONFIRMED).getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void answersOkToAStatusThatBooksNothing() {
        ResponseEntity<String> answer = post(signed(Map.of("Status", "AUTHORIZED")));

        assertThat(answer.getBody()).isEqualTo("OK");
        assertThat(spi.received).isEmpty();
        assertThat(spi.refunds).isEmpty();
    }

    @Test
    void booksARefund() {
        ResponseEntity<String> answer = post(REFUNDED);

        assertThat(answer.getBody()).isEqualTo("OK");
        assertThat(spi.refunds).singleElement().satisfies(r -> {
            assertThat(r.providerPaymentId()).isEqualTo("7777777777");
            assertThat(r.amount()).isEqualByComparingTo(new BigDecimal("1000.00"));
            assertThat(r.currency()).isEqualTo("RUB");
        });
        assertThat(spi.received).isEmpty();
    }

    @Test
    void asksForTheNotificationAgainWhileTheProviderIsDisabled() {
        spi.config(ProviderConfig.disabled("tbank"));

        assertThat(post(CONFIRMED).getStatusCode().value()).isEqualTo(503);
        assertThat(spi.received).isEmpty();
    }

    @Test
    void refusesABodyThatIsNoJson() {
        assertThat(post("OrderId=42").getStatusCode().value()).isEqualTo(400);
    }

    private ResponseEntity<String> post(String body) {
        return notifications.handle(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The documented notification with some fields changed and signed again with the password. */
    private static String signed(Map<String, Object> changes) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode n = (ObjectNode) json.readTree(CONFIRMED);
        changes.forEach((k, v) -> n.set(k, json.valueToTree(v)));
        n.remove("Token");
        n.put("Token", TbankToken.of(TbankToken.signedValues(n), "pass"));
        return json.writeValueAsString(n);
    }

    private static ProviderConfig config(String password, boolean testMode) {
        return new ProviderConfig(
                "tbank", true, testMode, new TreeMap<>(Map.of("terminalKey", "TestTerminal", "password", password)));
    }
}
