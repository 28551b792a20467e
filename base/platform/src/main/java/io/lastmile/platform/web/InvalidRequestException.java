package io.lastmile.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request with bad fields; answered as a 400 problem whose `errors` name each field and what is wrong. */
public class InvalidRequestException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidRequestException(Map<String, String> errors) {
        super("invalid request: " + errors);
        this.errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public static InvalidRequestException of(String field, String problem) {
        return new InvalidRequestException(Map.of(field, problem));
    }

    public Map<String, String> errors() {
        return errors;
    }

    /** Collects problems field by field, then throws them all at once. */
    public static final class Collector {
        private final Map<String, String> errors = new LinkedHashMap<>();

        public Collector add(String field, String problem) {
            errors.putIfAbsent(field, problem);
            return this;
        }

        public boolean has(String field) {
            return errors.containsKey(field);
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
        }
    }
}
