package io.lastmile.billing.provisioning.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A custom event that a template asked for with {@code raise_event(name, data)}. Rendering raises
 * nothing: the caller reads {@link TemplateContext#requestedEvents()} after the render and raises
 * them once the command has succeeded, so that a retried command never raises an event twice.
 *
 * @param name a custom event name ({@link EventNames}), never one billing raises itself
 * @param data plain values (text, numbers, booleans, null, lists and maps), at most {@link
 *     RaiseEventFunction#MAX_DATA_CHARS} characters as JSON; empty when the template gave none
 */
public record RequestedEvent(String name, Map<String, Object> data) {

    public RequestedEvent {
        Objects.requireNonNull(name, "name");
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
