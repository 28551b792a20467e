package io.lastmile.billing.provisioning.template;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ServiceStore} in memory for tests: the real one is in PostgreSQL, encrypted. */
final class InMemoryServiceStore implements ServiceStore {

    private final Map<Long, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public String passwordIfAbsent(long userServiceId, String candidate) {
        return passwords.computeIfAbsent(userServiceId, id -> candidate);
    }

    @Override
    public Optional<String> read(long userServiceId, String name) {
        return Optional.ofNullable(values.get(userServiceId + "/" + name));
    }

    @Override
    public void write(long userServiceId, String name, String value) {
        values.put(userServiceId + "/" + name, value);
    }
}
