package io.lastmile.billing.provisioning.template;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a template of one user service sees: {@code us}, {@code user} and {@code event}, as plain
 * data only (see {@link Plain}), plus the store behind {@code gen_store_pass()} and {@code
 * storage_read/storage_write}, scoped to this service so that a template cannot reach another's;
 * and, after a render, the events it asked billing to raise ({@link #requestedEvents()}).
 */
public final class TemplateContext {

    private final long userServiceId;
    private final ServiceStore store;
    private final Map<String, Object> variables;
    private volatile List<RequestedEvent> requestedEvents = List.of();

    private TemplateContext(long userServiceId, ServiceStore store, Map<String, Object> variables) {
        this.userServiceId = userServiceId;
        this.store = store;
        this.variables = variables;
    }

    /**
     * Starts the context of an account event (registered, payment, ...): {@code us} is null, and the
     * storage functions fail, since values are kept per service.
     */
    public static Builder forAccount() {
        return new Builder(0, NO_SERVICE);
    }

    private static final ServiceStore NO_SERVICE = new ServiceStore() {
        @Override
        public String passwordIfAbsent(long userServiceId, String candidate) {
            throw new IllegalStateException("an account event has no service to keep a password for");
        }

        @Override
        public java.util.Optional<String> read(long userServiceId, String name) {
            throw new IllegalStateException("an account event has no service storage");
        }

        @Override
        public void write(long userServiceId, String name, String value) {
            throw new IllegalStateException("an account event has no service storage");
        }
    };

    /** Starts the context of user service {@code userServiceId}, whose values live in {@code store}. */
    public static Builder forService(long userServiceId, ServiceStore store) {
        return new Builder(userServiceId, Objects.requireNonNull(store, "store"));
    }

    long userServiceId() {
        return userServiceId;
    }

    ServiceStore store() {
        return store;
    }

    /** The top-level variables, already plain and unmodifiable. */
    Map<String, Object> variables() {
        return variables;
    }

    /** The name of the event the command runs for ({@code event.name}), or null. */
    String eventName() {
        return variables.get("event") instanceof Map<?, ?> event && event.get("name") instanceof String name
                ? name
                : null;
    }

    /**
     * The custom events that the last render with this context asked for with {@code
     * raise_event(...)}, in the order asked; empty before any render and after a render that failed.
     * Rendering raises nothing: raise these once the command has succeeded (so that a retry never
     * raises one twice), and show them in a preview. A context serves one render at a time.
     */
    public List<RequestedEvent> requestedEvents() {
        return requestedEvents;
    }

    void requestedEvents(List<RequestedEvent> events) {
        this.requestedEvents = List.copyOf(events);
    }

    /** Collects the fields; every value is converted to plain data (or refused) on the way in. */
    public static final class Builder {

        private final long userServiceId;
        private final ServiceStore store;
        private final Map<String, Object> us = new LinkedHashMap<>();
        private final Map<String, Object> user = new LinkedHashMap<>();
        private final Map<String, Object> event = new LinkedHashMap<>();

        private Builder(long userServiceId, ServiceStore store) {
            this.userServiceId = userServiceId;
            this.store = store;
            us.put("id", userServiceId);
            us.put("status", null);
            us.put("period_start", null);
            us.put("period_end", null);
            us.put("settings", Map.of());
            us.put("service", null);
            us.put("server", null);
            event.put("name", null);
        }

        /** The user service's status, e.g. ACTIVE or BLOCKED. */
        public Builder status(String status) {
            us.put("status", status);
            return this;
        }

        /** The current period; templates see ISO-8601 text (2025-01-31T21:00:00Z), or null. */
        public Builder period(Instant start, Instant end) {
            us.put("period_start", start == null ? null : start.toString());
            us.put("period_end", end == null ? null : end.toString());
            return this;
        }

        /** The user service's own settings ({@code us.settings}). */
        public Builder settings(Map<String, ?> settings) {
            us.put("settings", plain("us.settings", settings));
            return this;
        }

        /** The catalog service it is an instance of ({@code us.service}). */
        public Builder service(long id, String name, String category, Map<String, ?> settings) {
            us.put(
                    "service",
                    map(
                            "id",
                            id,
                            "name",
                            name,
                            "category",
                            category,
                            "settings",
                            plain("us.service.settings", settings)));
            return this;
        }

        /** The server the command runs for ({@code us.server}); absent servers stay null. */
        public Builder server(long id, String host, String name, Map<String, ?> settings) {
            us.put(
                    "server",
                    map("id", id, "host", host, "name", name, "settings", plain("us.server.settings", settings)));
            return this;
        }

        /** The subscriber's account ({@code user}). */
        public Builder user(
                long id, String contract, String name, String email, String phone, Map<String, ?> settings) {
            Map<String, Object> u = map("id", id, "contract", contract, "name", name, "email", email);
            u.put("phone", phone);
            u.put("settings", plain("user.settings", settings));
            user.clear();
            user.putAll(u);
            return this;
        }

        /** The event that caused the command, e.g. CREATE, BLOCK, PROLONGATE, REMOVE. */
        public Builder event(String name) {
            event.put("name", name);
            return this;
        }

        /** What an account event carries ({@code event.data}), e.g. a payment's amount. */
        public Builder eventData(Map<String, ?> data) {
            event.put("data", plain("event.data", data));
            return this;
        }

        public TemplateContext build() {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("us", store == NO_SERVICE ? null : Plain.of("us", us));
            variables.put("user", user.isEmpty() ? null : Plain.of("user", user));
            variables.put("event", Plain.of("event", event));
            return new TemplateContext(userServiceId, store, Collections.unmodifiableMap(variables));
        }

        private static Object plain(String path, Map<String, ?> settings) {
            return settings == null ? Map.of() : Plain.of(path, settings);
        }

        private static Map<String, Object> map(Object... keysAndValues) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return m;
        }
    }
}
