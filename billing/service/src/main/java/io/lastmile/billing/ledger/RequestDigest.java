package io.lastmile.billing.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * A fingerprint of what a money-moving request asked, kept with its entry: a replay with the same
 * idempotency key must ask the same thing. Amounts compare by value (100 = 100.00).
 */
final class RequestDigest {

    private RequestDigest() {}

    static String of(Object... parts) {
        String canonical = Arrays.stream(parts)
                .map(p -> p instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(p))
                .map(p -> p.length() + ":" + p)
                .collect(Collectors.joining("|"));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
