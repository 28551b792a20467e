package io.lastmile.fiscal.provider.tbank;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * T-Bank's request and notification signature: the root object's scalar values (nested objects
 * and arrays and {@code Token} itself left out) plus {@code Password}, sorted by key, their values
 * concatenated without separators, SHA-256 as lower-case hex.
 */
final class TbankToken {

    private TbankToken() {}

    static String of(Map<String, String> rootValues, String password) {
        TreeMap<String, String> sorted = new TreeMap<>(rootValues);
        sorted.remove("Token");
        sorted.put("Password", password);
        StringBuilder text = new StringBuilder();
        sorted.values().forEach(text::append);
        return HexFormat.of().formatHex(sha256(text.toString()));
    }

    /** The values a JSON object signs: its scalar fields as T-Bank writes them (booleans as true/false). */
    static Map<String, String> signedValues(JsonNode object) {
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            if (value.isContainer() || value.isNull()) {
                continue;
            }
            values.put(field.getKey(), value.asString());
        }
        return values;
    }

    /** Whether the notification's {@code Token} is the one the password gives, compared in constant time. */
    static boolean verify(JsonNode notification, String password) {
        JsonNode token = notification.get("Token");
        if (token == null || !token.isString()) {
            return false;
        }
        String expected = of(signedValues(notification), password);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                token.asString().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
