package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code raise_event(name)} and {@code raise_event(name, data)}: asks billing to raise custom event
 * {@code name} once the command has succeeded. Rendering only records the request ({@link
 * RequestedEvent}); nothing happens if the render or the command fails. Prints nothing.
 *
 * <p>Refused with a template error: a name the API would refuse ({@link EventNames}), the event the
 * command itself runs for (it would run again without end), more than {@link #MAX_EVENTS} events in
 * one render, and data that is not a map of plain values of at most {@link #MAX_DATA_CHARS}
 * characters as JSON (the API's limit for an event's detail).
 */
final class RaiseEventFunction implements Function {

    static final int MAX_EVENTS = 10;
    static final int MAX_DATA_CHARS = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<TemplateContext> context;
    private final Supplier<List<RequestedEvent>> requested;

    RaiseEventFunction(Supplier<TemplateContext> context, Supplier<List<RequestedEvent>> requested) {
        this.context = context;
        this.requested = requested;
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of("name", "data");
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext ignored, int line) {
        ServiceFunctions.Where where = new ServiceFunctions.Where(self.getName(), line);
        Object given = args.get("name") instanceof SafeString macroOutput ? macroOutput.toString() : args.get("name");
        if (!(given instanceof String name)) {
            throw where.fail("raise_event needs the event's name as text, e.g. raise_event('VPN_READY')");
        }
        String call = "raise_event('" + shortened(name) + "'";
        Optional<String> problem = EventNames.problem(name);
        if (problem.isPresent()) {
            throw where.fail(call + "): " + problem.get());
        }
        if (name.equals(context.get().eventName())) {
            throw where.fail(call + "): this command runs for " + name
                    + ", so raising it again would run the command again, without end");
        }
        Map<String, Object> data = data(args.get("data"), call + ", data)", where);
        List<RequestedEvent> events = requested.get();
        if (events.size() >= MAX_EVENTS) {
            throw where.fail(call + "): a render may raise at most " + MAX_EVENTS + " events");
        }
        events.add(new RequestedEvent(name, data));
        return "";
    }

    private static Map<String, Object> data(Object value, String call, ServiceFunctions.Where where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw where.fail(call + ": data is a map of values, e.g. {'login': us.settings.login}");
        }
        Object plain;
        try {
            plain = Plain.of("data", map);
        } catch (IllegalArgumentException e) {
            throw where.fail(call + ": " + e.getMessage());
        }
        if (JSON.writeValueAsString(plain).length() > MAX_DATA_CHARS) {
            throw where.fail(call + ": data must be at most " + MAX_DATA_CHARS
                    + " characters as JSON; keep larger values with storage_write");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) plain;
        return data;
    }

    private static String shortened(String name) {
        return name.length() <= 70 ? name : name.substring(0, 64) + "...";
    }
}
