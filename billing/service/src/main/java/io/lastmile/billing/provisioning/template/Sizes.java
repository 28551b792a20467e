package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * How large a value of a template is: about the length of its text ({@code toString()}), counted
 * without building it. A value larger than the output a template may write is a runaway and is
 * refused before anything copies, joins or prints it: a list of a million references to one long
 * text is small in memory and a terabyte as text. Numbers are refused past {@link #MAX_DIGITS}
 * digits, since multiplying two such numbers takes longer than any deadline.
 */
final class Sizes {

    /** The largest value, as text, that a render may build: as much as it may write. */
    static final int MAX_CHARS = Templates.MAX_OUTPUT_CHARS;

    /** The most digits of a number (BigDecimal or BigInteger), and its largest exponent. */
    static final int MAX_DIGITS = 1000;

    private static final long NUMBER_TOO_LONG = -1;

    private Sizes() {}

    /** Why {@code value} is too large for a template, or null if it is not. */
    static String problem(Object value) {
        long size = walk(value);
        if (size == NUMBER_TOO_LONG) {
            return "a number grew longer than " + MAX_DIGITS + " digits (a runaway loop?)";
        }
        if (size > MAX_CHARS) {
            return "a value grew larger than " + MAX_CHARS + " characters (a runaway loop?)";
        }
        return null;
    }

    /** About the length of {@code value} as text; any size past {@link #MAX_CHARS} is MAX_CHARS + 1. */
    static long of(Object value) {
        long size = walk(value);
        return size == NUMBER_TOO_LONG ? MAX_CHARS + 1L : size;
    }

    /** Counts until the size passes the limit, so that it ends quickly on any value. */
    private static long walk(Object value) {
        long size = 0;
        Deque<Object> pending = new ArrayDeque<>();
        push(pending, value);
        while (!pending.isEmpty() && size <= MAX_CHARS) {
            switch (pending.pop()) {
                case CharSequence s -> size += s.length();
                case SafeString s -> size += s.toString().length(); // a macro's output
                case BigDecimal d -> {
                    if (d.precision() > MAX_DIGITS || Math.abs((long) d.scale()) > MAX_DIGITS) {
                        return NUMBER_TOO_LONG;
                    }
                    size += d.precision() + 2;
                }
                case BigInteger i -> {
                    if (i.bitLength() > MAX_DIGITS * 10 / 3) {
                        return NUMBER_TOO_LONG;
                    }
                    size += i.bitLength() / 3 + 2;
                }
                case Map<?, ?> m -> {
                    size += 2 + 4L * m.size();
                    if (size <= MAX_CHARS) {
                        for (Map.Entry<?, ?> e : m.entrySet()) {
                            push(pending, e.getKey());
                            push(pending, e.getValue());
                        }
                    }
                }
                case Map.Entry<?, ?> e -> {
                    size += 1;
                    push(pending, e.getKey());
                    push(pending, e.getValue());
                }
                case Collection<?> c -> {
                    size += 2 + 2L * c.size();
                    if (size <= MAX_CHARS) {
                        c.forEach(item -> push(pending, item));
                    }
                }
                case Object[] array -> pending.push(Arrays.asList(array));
                default -> size += 20; // other numbers, booleans, dates: short
            }
        }
        return Math.min(size, MAX_CHARS + 1L);
    }

    private static void push(Deque<Object> pending, Object item) {
        pending.push(item == null ? "null" : item);
    }
}
