package io.lastmile.billing.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A fingerprint of what a money-moving request asked, kept with its entry: a replay with the same
 * idempotency key must ask the same thing. Amounts compare by value (100 = 100.00), instants by
 * their epoch second and nanosecond.
 */
final class RequestDigest {

    private RequestDigest() {}

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String of(Object... parts) {
        // length-prefixed parts, so that ("ab", "c") and ("a", "bc") differ
        StringBuilder canonical = new StringBuilder(128);
        for (int i = 0; i < parts.length; i++) {
            Object p = parts[i];
            String text =
                    switch (p) {
                        case BigDecimal d -> d.stripTrailingZeros().toPlainString();
                        // seconds and nanoseconds name the instant as exactly as ISO text, without a formatter
                        case Instant at -> at.getEpochSecond() + "." + at.getNano();
                        case null, default -> String.valueOf(p);
                    };
            if (i > 0) {
                canonical.append('|');
            }
            canonical.append(text.length()).append(':').append(text);
        }
        byte[] hash = SHA256.get().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash);
    }
}
