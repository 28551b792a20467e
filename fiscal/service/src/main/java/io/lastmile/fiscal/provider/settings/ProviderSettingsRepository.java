package io.lastmile.fiscal.provider.settings;

import static io.lastmile.fiscal.db.Tables.PROVIDER_SETTINGS;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ProviderSettingsRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    private final DSLContext db;

    ProviderSettingsRepository(DSLContext db) {
        this.db = db;
    }

    /** The row as stored: values in clear, secrets still sealed. */
    record Stored(String provider, boolean enabled, boolean testMode, Map<String, String> values, byte[] secrets) {}

    Optional<Stored> find(String provider) {
        return db.selectFrom(PROVIDER_SETTINGS)
                .where(PROVIDER_SETTINGS.PROVIDER.eq(provider))
                .fetchOptional(r -> new Stored(
                        r.getProvider(), r.getEnabled(), r.getTestMode(), read(r.getSettings()), r.getSecrets()));
    }

    /** Locks the provider's row for an update (creating it first if missing). */
    Stored lock(String provider, Instant now) {
        db.insertInto(PROVIDER_SETTINGS)
                .set(PROVIDER_SETTINGS.PROVIDER, provider)
                .set(PROVIDER_SETTINGS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        return db.selectFrom(PROVIDER_SETTINGS)
                .where(PROVIDER_SETTINGS.PROVIDER.eq(provider))
                .forUpdate()
                .fetchSingle(r -> new Stored(
                        r.getProvider(), r.getEnabled(), r.getTestMode(), read(r.getSettings()), r.getSecrets()));
    }

    void save(Stored s, Instant now) {
        db.update(PROVIDER_SETTINGS)
                .set(PROVIDER_SETTINGS.ENABLED, s.enabled())
                .set(PROVIDER_SETTINGS.TEST_MODE, s.testMode())
                .set(PROVIDER_SETTINGS.SETTINGS, JSONB.valueOf(JSON.writeValueAsString(s.values())))
                .set(PROVIDER_SETTINGS.SECRETS, s.secrets())
                .set(PROVIDER_SETTINGS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(PROVIDER_SETTINGS.PROVIDER.eq(s.provider()))
                .execute();
    }

    static Map<String, String> read(JSONB json) {
        return json == null ? Map.of() : JSON.readValue(json.data(), MAP);
    }

    static String write(Map<String, String> map) {
        return JSON.writeValueAsString(map);
    }

    static Map<String, String> read(String json) {
        return JSON.readValue(json, MAP);
    }
}
