package io.lastmile.fiscal.provider.tbank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TbankTokenTest {

    /** The sum of the documentation's example ("Токен"), computed with sha256sum over the sorted values. */
    @Test
    void signsTheDocumentationsInitExample() {
        Map<String, String> values = Map.of(
                "TerminalKey", "MerchantTerminalKey",
                "Amount", "19200",
                "OrderId", "00000",
                "Description", "Подарочная карта на 1000 рублей");

        assertThat(TbankToken.of(values, "11111111111111"))
                .isEqualTo("72dd466f8ace0a37a1f740ce5fb78101712bc0665d91a8108c7c8a0ccd426db2");
    }

    @Test
    void verifiesANotificationLeavingOutTokenAndNestedObjects() {
        JsonNode notification = JsonMapper.builder()
                .build()
                .readTree(TbankNotificationsTest.CONFIRMED.replace(
                        "\"Pan\"", "\"DATA\":{\"x\":\"y\"},\"Receipt\":[1],\"Pan\""));

        assertThat(TbankToken.verify(notification, "pass")).isTrue();
        assertThat(TbankToken.verify(notification, "another")).isFalse();
    }

    @Test
    void refusesANotificationWithoutToken() {
        JsonNode notification = JsonMapper.builder().build().readTree("{\"TerminalKey\":\"TestTerminal\"}");

        assertThat(TbankToken.verify(notification, "pass")).isFalse();
    }
}
