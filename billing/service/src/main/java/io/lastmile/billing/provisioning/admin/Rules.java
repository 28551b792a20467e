package io.lastmile.billing.provisioning.admin;

import io.lastmile.platform.web.InvalidRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Field checks shared by the catalog's requests; each names its field and says what is allowed. */
final class Rules {

    private Rules() {}

    static void required(InvalidRequestException.Collector p, String field, Object value) {
        if (value == null) {
            p.add(field, "is required");
        }
    }

    /** A name of 1 to {@code max} characters once stripped; answers it stripped, or null. */
    static String name(InvalidRequestException.Collector p, String field, String value, int max) {
        if (value == null) {
            p.add(field, "is required");
            return null;
        }
        String name = value.strip();
        if (name.isEmpty() || name.length() > max) {
            p.add(field, "must be 1 to " + max + " characters");
            return null;
        }
        return name;
    }

    /** {@code value}, or {@code otherwise} when absent; a problem when outside min..max. */
    static int range(
            InvalidRequestException.Collector p, String field, Integer value, int min, int max, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value < min || value > max) {
            p.add(field, "must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    /** The constant named {@code value}, or null (with a problem when it was given but is not one). */
    static <E extends Enum<E>> E value(InvalidRequestException.Collector p, String field, Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            p.add(field, "must be " + names(type) + ", not '" + value + "'");
            return null;
        }
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** "1 binding", "2 bindings". */
    static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
