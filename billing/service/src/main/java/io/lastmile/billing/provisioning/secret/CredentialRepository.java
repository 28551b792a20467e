package io.lastmile.billing.provisioning.secret;

import static io.lastmile.billing.db.Tables.CREDENTIAL;
import static io.lastmile.billing.db.Tables.SERVER;

import io.lastmile.billing.api.provisioning.CredentialView;
import io.lastmile.billing.db.tables.records.CredentialRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record7;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The credential table; secrets go in and out sealed, this class never sees them open. */
@Repository
class CredentialRepository {

    /** A credential as stored: its secret still sealed. */
    record Sealed(CredentialKind kind, String username, byte[] secret) {}

    /** What to store under a name. */
    record Row(
            String name,
            CredentialKind kind,
            String username,
            byte[] sealedSecret,
            String fingerprint,
            String publicKey) {}

    private final DSLContext db;

    CredentialRepository(DSLContext db) {
        this.db = db;
    }

    List<CredentialView> all() {
        return viewColumns().orderBy(CREDENTIAL.NAME).fetch(CredentialRepository::view);
    }

    Optional<CredentialView> view(String name) {
        return viewColumns().where(CREDENTIAL.NAME.eq(name)).fetchOptional(CredentialRepository::view);
    }

    /** Everything but the secret: views never load it. */
    private SelectJoinStep<Record7<String, String, String, String, String, OffsetDateTime, OffsetDateTime>>
            viewColumns() {
        return db.select(
                        CREDENTIAL.NAME,
                        CREDENTIAL.KIND,
                        CREDENTIAL.USERNAME,
                        CREDENTIAL.FINGERPRINT,
                        CREDENTIAL.PUBLIC_KEY,
                        CREDENTIAL.CREATED_AT,
                        CREDENTIAL.UPDATED_AT)
                .from(CREDENTIAL);
    }

    Optional<Sealed> sealed(String name) {
        return db.select(CREDENTIAL.KIND, CREDENTIAL.USERNAME, CREDENTIAL.SECRET)
                .from(CREDENTIAL)
                .where(CREDENTIAL.NAME.eq(name))
                .fetchOptional(r -> new Sealed(CredentialKind.valueOf(r.value1()), r.value2(), r.value3()));
    }

    /** Stores the row, replacing one of the same name (its created_at stays); answers true if new. */
    boolean upsert(Row row, Instant now) {
        return inserting(row, now)
                .onConflict(CREDENTIAL.NAME)
                .doUpdate()
                .set(CREDENTIAL.KIND, DSL.excluded(CREDENTIAL.KIND))
                .set(CREDENTIAL.USERNAME, DSL.excluded(CREDENTIAL.USERNAME))
                .set(CREDENTIAL.SECRET, DSL.excluded(CREDENTIAL.SECRET))
                .set(CREDENTIAL.FINGERPRINT, DSL.excluded(CREDENTIAL.FINGERPRINT))
                .set(CREDENTIAL.PUBLIC_KEY, DSL.excluded(CREDENTIAL.PUBLIC_KEY))
                .set(CREDENTIAL.UPDATED_AT, DSL.excluded(CREDENTIAL.UPDATED_AT))
                // xmax is 0 in the row an INSERT made, the updating transaction's id after an UPDATE
                .returningResult(DSL.field("xmax = 0", Boolean.class))
                .fetchSingle()
                .value1();
    }

    /** The INSERT of a row, both writes start with. */
    private InsertSetMoreStep<CredentialRecord> inserting(Row row, Instant now) {
        return db.insertInto(CREDENTIAL)
                .set(CREDENTIAL.NAME, row.name())
                .set(CREDENTIAL.KIND, row.kind().name())
                .set(CREDENTIAL.USERNAME, row.username())
                .set(CREDENTIAL.SECRET, row.sealedSecret())
                .set(CREDENTIAL.FINGERPRINT, row.fingerprint())
                .set(CREDENTIAL.PUBLIC_KEY, row.publicKey())
                .set(CREDENTIAL.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(CREDENTIAL.UPDATED_AT, now.atOffset(ZoneOffset.UTC));
    }

    /** Stores the row unless the name is taken; answers false if it was. */
    boolean insert(Row row, Instant now) {
        return inserting(row, now).onConflictDoNothing().execute() == 1;
    }

    /** Locks the credential against servers starting to use it; answers false if there is none. */
    boolean lock(String name) {
        return db.selectOne()
                .from(CREDENTIAL)
                .where(CREDENTIAL.NAME.eq(name))
                .forUpdate()
                .fetchOptional()
                .isPresent();
    }

    /** The names of the servers whose credentials_ref names the credential. */
    List<String> serversUsing(String name) {
        return db.select(SERVER.NAME)
                .from(SERVER)
                .where(SERVER.CREDENTIALS_REF.eq(name))
                .orderBy(SERVER.NAME)
                .fetch(SERVER.NAME);
    }

    boolean delete(String name) {
        return db.deleteFrom(CREDENTIAL).where(CREDENTIAL.NAME.eq(name)).execute() == 1;
    }

    private static CredentialView view(
            Record7<String, String, String, String, String, OffsetDateTime, OffsetDateTime> r) {
        return new CredentialView(
                r.value1(),
                r.value2(),
                r.value3(),
                r.value4(),
                r.value5(),
                r.value6().toInstant(),
                r.value7().toInstant());
    }
}
