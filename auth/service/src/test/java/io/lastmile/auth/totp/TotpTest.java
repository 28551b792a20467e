package io.lastmile.auth.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** RFC 6238 appendix B: the SHA-1 seed. */
    static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void givesTheRfc6238TestVectors(long unixTime, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixTime));

        assertThat(Totp.code(SEED, step, 8, "HmacSHA1")).isEqualTo(expected);
    }

    @Test
    void givesSixDigitsForApps() {
        // the last six digits of the 8-digit vector at T = 1111111109
        assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
    }

    @Test
    void acceptsTheCodesOfOneStepEitherSideOnly() {
        Instant now = Instant.ofEpochSecond(1111111109);
        long step = Totp.step(now);

        assertThat(Totp.verify(SEED, Totp.code(SEED, step), now)).hasValue(step);
        assertThat(Totp.verify(SEED, Totp.code(SEED, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.verify(SEED, Totp.code(SEED, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.verify(SEED, Totp.code(SEED, step - 2), now)).isEmpty();
        assertThat(Totp.verify(SEED, Totp.code(SEED, step + 2), now)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        Instant now = Instant.ofEpochSecond(59);

        assertThat(Totp.verify(SEED, null, now)).isEmpty();
        assertThat(Totp.verify(SEED, "12345", now)).isEmpty();
        assertThat(Totp.verify(SEED, "abcdef", now)).isEmpty();
    }

    @Test
    void acceptsACodeTypedWithASpace() {
        Instant now = Instant.ofEpochSecond(1234567890);
        String code = Totp.code(SEED, Totp.step(now));

        assertThat(Totp.verify(SEED, code.substring(0, 3) + " " + code.substring(3), now))
                .isPresent();
    }

    @Test
    void writesTheOtpauthUriAppsRead() {
        String uri = Totp.uri("My ISP", "admin", SEED);

        assertThat(uri)
                .startsWith("otpauth://totp/My%20ISP:admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
                .contains("issuer=My%20ISP")
                .contains("digits=6")
                .contains("period=30")
                .contains("algorithm=SHA1");
    }

    @Test
    void encodesBase32AsRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(new String(Base32.decode("MZXW6YTBOI======"), StandardCharsets.US_ASCII))
                .isEqualTo("foobar");
        assertThat(Base32.decode(Base32.encode(SEED))).isEqualTo(SEED);
    }
}
