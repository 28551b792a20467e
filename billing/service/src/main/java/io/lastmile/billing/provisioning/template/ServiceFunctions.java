package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The functions bound to the service being rendered: {@code gen_store_pass()}, {@code
 * storage_read(name[, default])} and {@code storage_write(name, value)}. The engine is shared, so
 * they find their service through the render in progress, never through a template variable.
 */
final class ServiceFunctions {

    static final int PASSWORD_LENGTH = 24;
    static final int MAX_VALUE_CHARS = 1 << 20;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServiceFunctions() {}

    static Map<String, Function> all(Supplier<TemplateContext> current) {
        return Map.of(
                "gen_store_pass", bind(List.of(), current, (args, ctx, where) -> genStorePass(ctx)),
                "storage_read", bind(List.of("name", "default"), current, ServiceFunctions::read),
                "storage_write", bind(List.of("name", "value"), current, ServiceFunctions::write));
    }

    /** Letters and digits only: safe unquoted in shell, URLs, SQL and configs; 24 of 62 ≈ 143 bits. */
    static String newPassword() {
        StringBuilder out = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static Object genStorePass(TemplateContext ctx) {
        return ctx.store().passwordIfAbsent(ctx.userServiceId(), newPassword());
    }

    private static Object read(Map<String, Object> args, TemplateContext ctx, Where where) {
        String name = name(args, where);
        return ctx.store().read(ctx.userServiceId(), name).orElseGet(() -> {
            if (!args.containsKey("default")) {
                throw where.fail("nothing is stored as '" + name + "' for this service; give a default: storage_read('"
                        + name + "', '')");
            }
            Object fallback = args.get("default");
            return fallback == null ? "" : fallback.toString();
        });
    }

    private static Object write(Map<String, Object> args, TemplateContext ctx, Where where) {
        String name = name(args, where);
        Object value = args.get("value");
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw where.fail("storage_write('" + name + "', value) needs a text value");
        }
        String text = value.toString();
        if (text.length() > MAX_VALUE_CHARS) {
            throw where.fail("the value for '" + name + "' is longer than " + MAX_VALUE_CHARS + " characters");
        }
        ctx.store().write(ctx.userServiceId(), name, text);
        return "";
    }

    private static String name(Map<String, Object> args, Where where) {
        if (args.get("name") instanceof String name && NAME.matcher(name).matches()) {
            if (name.equals("password")) {
                throw where.fail("'password' is the generated password: use gen_store_pass()");
            }
            return name;
        }
        throw where.fail(
                "a storage name is 1 to 100 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }

    /** Where a call is, to report an error on the template's line. */
    record Where(String template, int line) {
        PebbleException fail(String problem) {
            return new PebbleException(null, problem, line, template);
        }
    }

    @FunctionalInterface
    interface Body {
        Object call(Map<String, Object> args, TemplateContext ctx, Where where);
    }

    private static Function bind(List<String> names, Supplier<TemplateContext> current, Body body) {
        return new Function() {
            @Override
            public List<String> getArgumentNames() {
                return names;
            }

            @Override
            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                return body.call(args, current.get(), new Where(self.getName(), line));
            }
        };
    }
}
