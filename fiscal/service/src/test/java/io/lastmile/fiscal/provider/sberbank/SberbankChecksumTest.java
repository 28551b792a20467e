package io.lastmile.fiscal.provider.sberbank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SberbankChecksumTest {

    /** The documentation's callback example; the sum computed with openssl dgst -sha256 -hmac. */
    static final Map<String, String> DOCUMENTED = Map.of(
            "mdOrder", "3ff6962a-7dcc-4283-ab50-a6d7dd3386fe",
            "orderNumber", "10747",
            "operation", "deposited",
            "status", "1",
            "amount", "35000099",
            "checksum", "D6F9826B27780C413BC8F6130AD5658848418174672A99FE3BA7711EE501469F");

    @Test
    void writesTheSortedPairsAsTheDocumentationDoes() {
        assertThat(SberbankChecksum.signedText(DOCUMENTED))
                .isEqualTo("amount;35000099;mdOrder;3ff6962a-7dcc-4283-ab50-a6d7dd3386fe;operation;deposited;"
                        + "orderNumber;10747;status;1;");
    }

    @Test
    void verifiesTheDocumentedCallback() {
        assertThat(SberbankChecksum.verify(DOCUMENTED, "yourSecretToken")).isTrue();
        assertThat(SberbankChecksum.verify(DOCUMENTED, "anotherToken")).isFalse();
    }

    @Test
    void takesTheChecksumInLowerCaseAndLeavesSignAliasOut() {
        Map<String, String> params = new HashMap<>(DOCUMENTED);
        params.put("checksum", DOCUMENTED.get("checksum").toLowerCase());
        params.put("sign_alias", "SHA-256 WITH RSA");

        assertThat(SberbankChecksum.verify(params, "yourSecretToken")).isTrue();
    }

    @Test
    void refusesAChangedParameterOrNoChecksum() {
        Map<String, String> changed = new HashMap<>(DOCUMENTED);
        changed.put("amount", "35000100");
        Map<String, String> unsigned = new HashMap<>(DOCUMENTED);
        unsigned.remove("checksum");

        assertThat(SberbankChecksum.verify(changed, "yourSecretToken")).isFalse();
        assertThat(SberbankChecksum.verify(unsigned, "yourSecretToken")).isFalse();
    }
}
