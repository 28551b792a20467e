package io.lastmile.billing.provisioning.admin;

import io.lastmile.platform.web.InvalidRequestException;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into its record, so that a value of the wrong type is a 400 naming its
 * field ({@code settings}, {@code port}) rather than a message about Java types.
 */
@Component
class BodyReader {

    private final JsonMapper json;

    BodyReader(JsonMapper json) {
        this.json = json;
    }

    <T> T read(JsonNode body, Class<T> type) {
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

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
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
