package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns what billing hands to a template into plain data: unmodifiable maps with text keys, lists,
 * text, numbers, booleans and null. Anything else (a File, a DataSource, an entity) is refused, so
 * that no Java object with methods or a revealing toString ever reaches a template.
 */
final class Plain {

    private static final int MAX_DEPTH = 32;

    private Plain() {}

    /** The plain form of {@code value}; {@code path} names it in the error if it is refused. */
    static Object of(String path, Object value) {
        return of(path, value, 0);
    }

    private static Object of(String path, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + " is nested too deeply for a template");
        }
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case BigDecimal d -> d;
            case BigInteger i -> i;
            case Character c -> c.toString();
            case SafeString s -> s.toString(); // a macro's output, handed back by a template
            case Enum<?> e -> e.name();
            case UUID u -> u.toString();
            case TemporalAccessor t when t.getClass().getName().startsWith("java.time.") -> t.toString();
            case Optional<?> o -> of(path, o.orElse(null), depth + 1);
            case Map<?, ?> m -> map(path, m, depth);
            case Iterable<?> it -> list(path, it, depth);
            case Object[] array -> list(path, List.of(array), depth);
            default ->
                throw new IllegalArgumentException(path
                        + " holds a value templates cannot use: only text, numbers, booleans, dates, lists and maps");
        };
    }

    private static Map<String, Object> map(String path, Map<?, ?> source, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : source.entrySet()) {
            String name = key(path, e.getKey());
            out.put(name, of(path + "." + name, e.getValue(), depth + 1));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String key(String path, Object key) {
        return switch (key) {
            case String s -> s;
            case Enum<?> e -> e.name();
            case Number n -> String.valueOf(of(path, n, 0));
            case Character c -> c.toString();
            case SafeString s -> s.toString(); // a macro's output, handed back by a template
            default -> throw new IllegalArgumentException(path + " has a key that is not text or a number");
        };
    }

    private static List<Object> list(String path, Iterable<?> source, int depth) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        for (Object item : source) {
            out.add(of(path + "[" + i++ + "]", item, depth + 1));
        }
        return Collections.unmodifiableList(out);
    }
}
