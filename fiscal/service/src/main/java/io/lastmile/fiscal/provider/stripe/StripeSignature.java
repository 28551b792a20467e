package io.lastmile.fiscal.provider.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: the header {@code Stripe-Signature: t=<unix time>,v1=<hex>[,v1=...]},
 * each v1 the hex HMAC-SHA256 of {@code <t>.<raw body>} keyed with the endpoint's signing secret
 * ({@code whsec_...}); other schemes (v0) are ignored. A timestamp further than the tolerance from
 * now is refused, so a captured notification cannot be replayed later.
 */
final class StripeSignature {

    enum Verdict {
        VALID,
        NO_HEADER,
        NO_MATCH,
        OUTSIDE_TOLERANCE
    }

    private StripeSignature() {}

    static String sign(long timestamp, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static Verdict verify(byte[] body, String header, String secret, Duration tolerance, Instant now) {
        if (header == null || header.isBlank()) {
            return Verdict.NO_HEADER;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return Verdict.NO_HEADER;
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Verdict.NO_HEADER;
        }
        byte[] expected = sign(timestamp, body, secret).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String signature : signatures) {
            // every candidate is compared, in constant time
            match |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
        }
        if (!match) {
            return Verdict.NO_MATCH;
        }
        long age = Math.abs(now.getEpochSecond() - timestamp);
        return age > tolerance.getSeconds() ? Verdict.OUTSIDE_TOLERANCE : Verdict.VALID;
    }
}
