package io.lastmile.billing.provisioning.store;

import static io.lastmile.billing.db.Tables.SERVICE_STORAGE;
import static io.lastmile.billing.db.Tables.USER_SERVICE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The service_storage table; values go in and out sealed. */
@Repository
class ServiceStorageRepository {

    /** A stored name and when its value last changed. */
    record Entry(String name, Instant updatedAt) {}

    private final DSLContext db;

    ServiceStorageRepository(DSLContext db) {
        this.db = db;
    }

    boolean userServiceExists(long userServiceId) {
        return db.fetchExists(USER_SERVICE, USER_SERVICE.ID.eq(userServiceId));
    }

    /** Stores the value unless one is stored under the name; a concurrent insert wins and this does nothing. */
    void insertIfAbsent(long userServiceId, String name, byte[] sealed, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        db.insertInto(SERVICE_STORAGE)
                .set(SERVICE_STORAGE.USER_SERVICE_ID, userServiceId)
                .set(SERVICE_STORAGE.NAME, name)
                .set(SERVICE_STORAGE.VALUE, sealed)
                .set(SERVICE_STORAGE.CREATED_AT, at)
                .set(SERVICE_STORAGE.UPDATED_AT, at)
                .onConflictDoNothing()
                .execute();
    }

    /** Stores the value, replacing what was stored under the name. */
    void upsert(long userServiceId, String name, byte[] sealed, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        db.insertInto(SERVICE_STORAGE)
                .set(SERVICE_STORAGE.USER_SERVICE_ID, userServiceId)
                .set(SERVICE_STORAGE.NAME, name)
                .set(SERVICE_STORAGE.VALUE, sealed)
                .set(SERVICE_STORAGE.CREATED_AT, at)
                .set(SERVICE_STORAGE.UPDATED_AT, at)
                .onConflict(SERVICE_STORAGE.USER_SERVICE_ID, SERVICE_STORAGE.NAME)
                .doUpdate()
                .set(SERVICE_STORAGE.VALUE, DSL.excluded(SERVICE_STORAGE.VALUE))
                .set(SERVICE_STORAGE.UPDATED_AT, DSL.excluded(SERVICE_STORAGE.UPDATED_AT))
                .execute();
    }

    Optional<byte[]> value(long userServiceId, String name) {
        return db.select(SERVICE_STORAGE.VALUE)
                .from(SERVICE_STORAGE)
                .where(SERVICE_STORAGE.USER_SERVICE_ID.eq(userServiceId))
                .and(SERVICE_STORAGE.NAME.eq(name))
                .fetchOptional(SERVICE_STORAGE.VALUE);
    }

    List<Entry> entries(long userServiceId) {
        return db.select(SERVICE_STORAGE.NAME, SERVICE_STORAGE.UPDATED_AT)
                .from(SERVICE_STORAGE)
                .where(SERVICE_STORAGE.USER_SERVICE_ID.eq(userServiceId))
                .orderBy(SERVICE_STORAGE.NAME)
                .fetch(r -> new Entry(r.value1(), r.value2().toInstant()));
    }
}
