package io.lastmile.fiscal.payment;

import java.util.Map;
import java.util.Optional;

/**
 * A provider's current settings with its secrets unsealed; for adapters only, never serialized.
 *
 * @param provider the provider's name
 * @param enabled whether notifications are accepted at all
 * @param testMode the provider's test mode: payments are booked as test payments
 * @param values every setting by name, secrets included
 */
public record ProviderConfig(String provider, boolean enabled, boolean testMode, Map<String, String> values) {

    public ProviderConfig {
        values = Map.copyOf(values);
    }

    public static ProviderConfig disabled(String provider) {
        return new ProviderConfig(provider, false, false, Map.of());
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    /** A setting the provider cannot work without; enabling checks them, so a miss is a bug. */
    public String require(String name) {
        return value(name).orElseThrow(() -> new IllegalStateException(provider + " has no setting " + name));
    }

    @Override
    public String toString() {
        return "ProviderConfig[" + provider + ", enabled=" + enabled + ", testMode=" + testMode + ", values=***]";
    }
}
