package io.lastmile.billing.api.provisioning;

import java.util.List;
import java.util.Map;

/**
 * A template's text as it would be sent, and the custom events it would raise when its command
 * succeeds (a preview raises none).
 */
public record RenderedText(String text, List<Event> events) {

    /** An event the template asks for with {@code raise_event(name, data)}. */
    public record Event(String name, Map<String, Object> data) {}
}
