package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.provisioning.template.ServiceStore;
import io.lastmile.billing.provisioning.template.TemplateContext;
import io.lastmile.billing.provisioning.template.TemplateException;
import io.lastmile.billing.provisioning.template.Templates;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Compiles a template when it is saved, so that a syntax error is refused then, naming its line,
 * rather than failing every command at run time.
 *
 * <p>{@link Templates} only renders, so the check renders once for a made-up service and keeps
 * nothing. Pebble parses the whole source before it renders, so a syntax error (or a tag the
 * sandbox removed) always shows; errors of the render itself are mostly about data the made-up
 * service lacks ({@code us.settings.login}, a value not stored yet) and do not refuse the
 * template, except a call of a function or filter that does not exist and a variable that is
 * defined nowhere, which fail with any data.
 */
@Component
class TemplateCheck {

    private static final String[] ALWAYS_WRONG = {
        ": syntax error: ", "tag is not available", "Function or Macro [", "Filter [", "Test ["
    };

    private static final Pattern UNDEFINED = Pattern.compile(": variable '(\\w+)' is not defined$");

    private final Templates templates = new Templates();

    /** The problem that makes the template unusable, or empty when it compiles. */
    Optional<TemplateException> problem(String name, String body) {
        try {
            templates.render(name, body, sample());
            return Optional.empty();
        } catch (TemplateException e) {
            return alwaysWrong(e) || undefinedEverywhere(e, body) ? Optional.of(e) : Optional.empty();
        }
    }

    /**
     * A variable that is neither one of the context's ({@code us}, {@code user}, {@code event}) nor
     * assigned by the template itself ({@code set}, {@code for}, a macro's parameter) is a typo such
     * as {@code usr.name}, whatever the service.
     */
    private static boolean undefinedEverywhere(TemplateException e, String body) {
        Matcher undefined = UNDEFINED.matcher(e.getMessage());
        if (!undefined.find()) {
            return false;
        }
        String name = Pattern.quote(undefined.group(1));
        return !Pattern.compile("\\b(?:set|for)\\s+(?:\\w+\\s*,\\s*)?" + name + "\\b")
                        .matcher(body)
                        .find()
                && !Pattern.compile("\\bmacro\\s+\\w+\\s*\\([^)]*\\b" + name + "\\b")
                        .matcher(body)
                        .find();
    }

    private static boolean alwaysWrong(TemplateException e) {
        for (String marker : ALWAYS_WRONG) {
            if (e.getMessage().contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private static TemplateContext sample() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        return TemplateContext.forService(0, new Scratch())
                .status("ACTIVE")
                .period(start, start.plus(31, ChronoUnit.DAYS))
                .settings(Map.of())
                .service(0, "sample", "sample", Map.of())
                .server(0, "server.example", "sample", Map.of())
                .user(0, "0000000", "Sample Subscriber", "subscriber@example.com", "+10000000000", Map.of())
                .event("CREATE")
                .build();
    }

    /** A store for one check render; nothing outlives it. */
    private static final class Scratch implements ServiceStore {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public String passwordIfAbsent(long userServiceId, String candidate) {
            return values.computeIfAbsent("\0password", k -> candidate);
        }

        @Override
        public Optional<String> read(long userServiceId, String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public void write(long userServiceId, String name, String value) {
            values.put(name, value);
        }
    }
}
