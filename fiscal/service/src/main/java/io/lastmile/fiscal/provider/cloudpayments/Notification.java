package io.lastmile.fiscal.provider.cloudpayments;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a CloudPayments notification (Check, Pay, Fail, Refund), read from the body in
 * either format the site may be set to: {@code application/x-www-form-urlencoded} (the default)
 * or JSON. Field names are CloudPayments' own: TransactionId, Amount, Currency, DateTime (UTC,
 * {@code yyyy-MM-dd HH:mm:ss}), InvoiceId, AccountId, Email, TestMode, PaymentTransactionId ...
 */
record Notification(Map<String, String> fields) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static Notification parse(byte[] body, String contentType) {
        String text = new String(body, StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        if (contentType != null && contentType.toLowerCase().contains("json")) {
            JsonNode tree;
            try {
                tree = JSON.readTree(text);
            } catch (JacksonException e) {
                throw new MalformedNotification("the body is not JSON");
            }
            if (tree == null || !tree.isObject()) {
                throw new MalformedNotification("the body is not a JSON object");
            }
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                JsonNode value = field.getValue();
                if (!value.isNull()) {
                    fields.put(field.getKey(), value.isValueNode() ? value.asString() : value.toString());
                }
            }
        } else {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                fields.putIfAbsent(name, value);
            }
        }
        return new Notification(fields);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedNotification("the form body is not URL-encoded");
        }
    }

    String get(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String require(String name) {
        String value = get(name);
        if (value == null) {
            throw new MalformedNotification("no " + name);
        }
        return value;
    }

    /** The amount exactly as sent; more decimals than the currency has is refused, never rounded. */
    BigDecimal amount(String currency) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(require("Amount"));
        } catch (NumberFormatException e) {
            throw new MalformedNotification("Amount is not a number");
        }
        int digits;
        try {
            digits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            throw new MalformedNotification("Currency " + currency + " is not an ISO 4217 code");
        }
        if (amount.signum() <= 0) {
            throw new MalformedNotification("Amount must be positive");
        }
        if (amount.stripTrailingZeros().scale() > Math.max(digits, 0)) {
            throw new MalformedNotification("Amount " + amount.toPlainString() + " has more decimals than " + currency);
        }
        return amount;
    }

    Instant dateTime(Instant fallback) {
        String value = get("DateTime");
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(value, DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                throw new MalformedNotification("DateTime " + value + " is not yyyy-MM-dd HH:mm:ss");
            }
        }
    }

    boolean testMode() {
        String value = get("TestMode");
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    Long invoiceId() {
        String value = get("InvoiceId");
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null; // not one of ours: the account decides
        }
    }

    static final class MalformedNotification extends RuntimeException {
        MalformedNotification(String message) {
            super(message);
        }
    }
}
