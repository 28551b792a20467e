package io.lastmile.fiscal.provider.sberbank;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sberbank's callback checksum (symmetric key): every parameter but {@code checksum} and
 * {@code sign_alias}, sorted by name, written as {@code name;value;} one after another, HMAC-SHA256
 * with the merchant's callback key, upper-case hex.
 */
final class SberbankChecksum {

    private SberbankChecksum() {}

    static String signedText(Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove("checksum");
        sorted.remove("sign_alias");
        StringBuilder text = new StringBuilder();
        sorted.forEach(
                (name, value) -> text.append(name).append(';').append(value).append(';'));
        return text.toString();
    }

    static String of(Map<String, String> params, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sum = mac.doFinal(signedText(params).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the parameters carry the checksum the key gives, compared in constant time. */
    static boolean verify(Map<String, String> params, String key) {
        String given = params.get("checksum");
        if (given == null || given.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                of(params, key).getBytes(StandardCharsets.US_ASCII),
                given.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
