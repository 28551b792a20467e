package io.lastmile.fiscal.provider.robokassa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Robokassa's SignatureValue: the hex digest (the algorithm set in the shop's technical
 * settings: MD5 by default, SHA-1, SHA-256, SHA-384, SHA-512) of fields joined by {@code :}, the
 * shop's own {@code Shp_} parameters appended last as {@code Shp_name=value}, sorted by name.
 * The form signs {@code MerchantLogin:OutSum:InvId:Password1}, ResultURL
 * {@code OutSum:InvId:Password2}, OpStateExt {@code MerchantLogin:InvoiceID:Password2}.
 */
final class RobokassaSignature {

    private RobokassaSignature() {}

    static String digest(String algorithm, String base) {
        String name =
                switch (algorithm == null ? "md5" : algorithm.toLowerCase(Locale.ROOT)) {
                    case "md5" -> "MD5";
                    case "sha1" -> "SHA-1";
                    case "sha256" -> "SHA-256";
                    case "sha384" -> "SHA-384";
                    case "sha512" -> "SHA-512";
                    default ->
                        throw new IllegalArgumentException(
                                "hash algorithm " + algorithm + " is not one of Robokassa's");
                };
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance(name).digest(base.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is not available", e);
        }
    }

    /** The Shp_ parameters, sorted by name, as {@code :Shp_a=1:Shp_b=2} (empty when none). */
    static String shp(Map<String, String> params) {
        Map<String, String> sorted = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k.regionMatches(true, 0, "Shp_", 0, 4)) {
                sorted.put(k, v);
            }
        });
        return sorted.entrySet().stream()
                .map(e -> ":" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining());
    }

    static String form(
            String algorithm, String login, String outSum, String invId, String password1, Map<String, String> shp) {
        return digest(algorithm, login + ":" + outSum + ":" + invId + ":" + password1 + shp(shp));
    }

    static String result(String algorithm, String outSum, String invId, String password2, Map<String, String> params) {
        return digest(algorithm, outSum + ":" + invId + ":" + password2 + shp(params));
    }

    static String opState(String algorithm, String login, String invId, String password2) {
        return digest(algorithm, login + ":" + invId + ":" + password2);
    }

    /** Robokassa sends hex in either case; compared in constant time. */
    static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                given.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
