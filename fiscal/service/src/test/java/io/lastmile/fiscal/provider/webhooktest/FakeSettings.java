package io.lastmile.fiscal.provider.webhooktest;

import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Settings set by the test. */
public final class FakeSettings implements ProviderSettings {

    private final Map<String, ProviderConfig> configs = new ConcurrentHashMap<>();

    public FakeSettings set(String provider, boolean testMode, Map<String, String> values) {
        configs.put(provider, new ProviderConfig(provider, true, testMode, values));
        return this;
    }

    public void disable(String provider) {
        configs.put(provider, ProviderConfig.disabled(provider));
    }

    @Override
    public ProviderConfig of(String provider) {
        return configs.getOrDefault(provider, ProviderConfig.disabled(provider));
    }
}
