package io.lastmile.billing.web;

import io.lastmile.platform.web.InvalidRequestException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into its record itself (catalog and provisioning APIs alike), so that a value of the wrong type is a 400 naming
 * its field ({@code children[1].quantity}) and a change can tell which fields it was given.
 */
@Component
public class RequestReader {

    private final JsonMapper json;

    public RequestReader(JsonMapper json) {
        this.json = json;
    }

    public <T> T read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("body", "must be a JSON object");
        }
        try {
            return json.treeToValue(body, type);
        } catch (MismatchedInputException e) {
            throw InvalidRequestException.of(field(e), expected(e.getTargetType()));
        } catch (JacksonException e) {
            throw InvalidRequestException.of(field(e), "cannot be read: " + e.getOriginalMessage());
        }
    }

    /** The names of the top-level fields the body gives (also those given as null). */
    public static Set<String> fields(JsonNode body) {
        return new HashSet<>(body.propertyNames());
    }

    /** What a value of the type looks like, in the words of the API rather than Java's. */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "must be a number such as 900 or 12.50";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2031-03-01T00:00:00Z";
        }
        if (type == java.util.UUID.class) {
            return "must be a UUID such as 7f1c2d3e-5a4b-4c3d-9e8f-0a1b2c3d4e5f";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be a JSON object";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "must be a JSON array";
        }
        return "has the wrong type";
    }

    private static String field(JacksonException e) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
