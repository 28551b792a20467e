package io.lastmile.fiscal.provider.cloudpayments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CloudPayments signs each notification's raw body: the header {@code Content-HMAC} is the base64
 * of HMAC-SHA256 over the body bytes exactly as sent, keyed with the site's API Secret.
 */
final class ContentHmac {

    private ContentHmac() {}

    static String sign(byte[] body, String apiSecret) {
        return Base64.getEncoder().encodeToString(hmac(body, apiSecret));
    }

    /**
     * Compares the canonical base64 text in constant time (decoding first would let other
     * spellings of the same bytes through); a missing header never verifies.
     */
    static boolean verifies(byte[] body, String header, String apiSecret) {
        if (header == null || header.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(body, apiSecret).getBytes(StandardCharsets.US_ASCII),
                header.trim().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
