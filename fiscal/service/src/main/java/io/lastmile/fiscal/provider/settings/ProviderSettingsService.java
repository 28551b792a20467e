package io.lastmile.fiscal.provider.settings;

import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSetting;
import io.lastmile.fiscal.payment.ProviderSettings;
import io.lastmile.platform.secret.SecretBox;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The providers' settings: non-secret values in clear, secrets sealed under the key file; the
 * registered {@link PaymentProvider} beans say which settings each takes.
 */
@Service
@EnableConfigurationProperties(SecretsProperties.class)
class ProviderSettingsService implements ProviderSettings {

    private final ProviderSettingsRepository repository;
    private final Map<String, PaymentProvider> providers = new TreeMap<>();
    private final SecretBox box;
    private final Clock clock;
    /** Every notification reads its provider's settings: kept briefly instead of a query and an unseal each. */
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(ProviderConfig config, Instant at) {}

    /** How long a loaded config serves; a change made here is seen at once, one made elsewhere after this. */
    static final Duration FRESH = Duration.ofSeconds(2);

    ProviderSettingsService(
            ProviderSettingsRepository repository,
            List<PaymentProvider> providers,
            SecretsProperties properties,
            Clock clock) {
        this.repository = repository;
        providers.forEach(p -> this.providers.put(p.name(), p));
        this.box = SecretBox.fromKeyFile(properties.keyFile());
        this.clock = clock;
    }

    @Override
    public ProviderConfig of(String provider) {
        Instant now = clock.instant();
        Loaded cached = loaded.get(provider);
        if (cached != null && cached.at().plus(FRESH).isAfter(now)) {
            return cached.config();
        }
        ProviderConfig config = load(provider);
        loaded.put(provider, new Loaded(config, now));
        return config;
    }

    private ProviderConfig load(String provider) {
        return repository
                .find(provider)
                .map(s -> {
                    Map<String, String> values = new HashMap<>(s.values());
                    values.putAll(secrets(s));
                    return new ProviderConfig(provider, s.enabled(), s.testMode(), values);
                })
                .orElseGet(() -> ProviderConfig.disabled(provider));
    }

    @Transactional(readOnly = true)
    List<ProviderView> list() {
        return providers.values().stream()
                .map(p -> view(p.name()))
                .sorted(Comparator.comparing(ProviderView::provider))
                .toList();
    }

    @Transactional(readOnly = true)
    ProviderView view(String name) {
        PaymentProvider provider = provider(name);
        var stored = repository.find(name);
        Map<String, String> secrets = stored.map(this::secrets).orElse(Map.of());
        List<ProviderView.Setting> settings = new ArrayList<>();
        for (ProviderSetting s : provider.settings()) {
            String value = s.secret()
                    ? null
                    : stored.map(x -> x.values().get(s.name())).orElse(null);
            boolean set = s.secret() ? isSet(secrets.get(s.name())) : isSet(value);
            settings.add(new ProviderView.Setting(s.name(), s.secret(), s.required(), s.description(), set, value));
        }
        return new ProviderView(
                name,
                stored.map(ProviderSettingsRepository.Stored::enabled).orElse(false),
                stored.map(ProviderSettingsRepository.Stored::testMode).orElse(false),
                settings);
    }

    @Transactional
    ProviderView update(String name, ProviderUpdate update) {
        PaymentProvider provider = provider(name);
        Map<String, ProviderSetting> known = new LinkedHashMap<>();
        provider.settings().forEach(s -> known.put(s.name(), s));
        Map<String, String> given = update.settings() == null ? Map.of() : update.settings();
        for (String key : new TreeSet<>(given.keySet())) {
            if (!known.containsKey(key)) {
                throw InvalidRequestException.of(
                        "settings." + key, name + " has no setting " + key + "; it takes " + known.keySet());
            }
        }
        var stored = repository.lock(name, clock.instant());
        Map<String, String> values = new TreeMap<>(stored.values());
        Map<String, String> secrets = new TreeMap<>(secrets(stored));
        given.forEach((key, value) -> {
            Map<String, String> target = known.get(key).secret() ? secrets : values;
            if (value == null || value.isBlank()) {
                target.remove(key);
            } else {
                target.put(key, value);
            }
        });
        boolean enabled = update.enabled() == null ? stored.enabled() : update.enabled();
        boolean testMode = update.testMode() == null ? stored.testMode() : update.testMode();
        if (enabled) {
            for (ProviderSetting s : known.values()) {
                String value = s.secret() ? secrets.get(s.name()) : values.get(s.name());
                if (s.required() && !isSet(value)) {
                    throw InvalidRequestException.of(
                            "settings." + s.name(),
                            name + " cannot be enabled without " + s.name() + ": " + s.description());
                }
            }
        }
        byte[] sealed = secrets.isEmpty() ? null : box.seal(ProviderSettingsRepository.write(secrets), context(name));
        repository.save(
                new ProviderSettingsRepository.Stored(name, enabled, testMode, values, sealed), clock.instant());
        forgetAfterCommit(name);
        return view(name);
    }

    /** Drops the loaded config once the change is committed, so the next notification reads it. */
    private void forgetAfterCommit(String name) {
        loaded.remove(name);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                loaded.remove(name);
            }
        });
    }

    private PaymentProvider provider(String name) {
        PaymentProvider provider = providers.get(name);
        if (provider == null) {
            throw new NotFoundException("no payment provider " + name + "; known are " + providers.keySet());
        }
        return provider;
    }

    private Map<String, String> secrets(ProviderSettingsRepository.Stored s) {
        return s.secrets() == null
                ? Map.of()
                : ProviderSettingsRepository.read(box.openString(s.secrets(), context(s.provider())));
    }

    private static String context(String provider) {
        return "provider_settings:" + provider;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
