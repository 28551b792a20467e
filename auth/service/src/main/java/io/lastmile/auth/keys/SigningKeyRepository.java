package io.lastmile.auth.keys;

import static io.lastmile.auth.db.Tables.SIGNING_KEY;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class SigningKeyRepository {

    private final DSLContext db;

    SigningKeyRepository(DSLContext db) {
        this.db = db;
    }

    /** Keys still published (the signing one and those retired after {@code retiredSince}), newest first. */
    List<StoredKey> published(Instant retiredSince) {
        return db.selectFrom(SIGNING_KEY)
                .where(SIGNING_KEY
                        .RETIRED_AT
                        .isNull()
                        .or(SIGNING_KEY.RETIRED_AT.gt(retiredSince.atOffset(ZoneOffset.UTC))))
                .orderBy(SIGNING_KEY.CREATED_AT.desc(), SIGNING_KEY.KID)
                .fetch(r -> new StoredKey(
                        r.getKid(),
                        r.getAlgorithm(),
                        r.getPublicKey(),
                        r.getPrivateKey(),
                        r.getCreatedAt().toInstant(),
                        r.getRetiredAt() == null ? null : r.getRetiredAt().toInstant()));
    }

    void insert(StoredKey key) {
        db.insertInto(SIGNING_KEY)
                .set(SIGNING_KEY.KID, key.kid())
                .set(SIGNING_KEY.ALGORITHM, key.algorithm())
                .set(SIGNING_KEY.PUBLIC_KEY, key.publicKey())
                .set(SIGNING_KEY.PRIVATE_KEY, key.privateKey())
                .set(SIGNING_KEY.CREATED_AT, key.createdAt().atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** Retires every signing key but {@code kid}. */
    void retireAllBut(String kid, Instant at) {
        db.update(SIGNING_KEY)
                .set(SIGNING_KEY.RETIRED_AT, at.atOffset(ZoneOffset.UTC))
                .where(SIGNING_KEY.RETIRED_AT.isNull())
                .and(SIGNING_KEY.KID.ne(kid))
                .execute();
    }

    /** Deletes keys retired before {@code before}; answers their ids. */
    List<String> deleteRetiredBefore(Instant before) {
        return db.deleteFrom(SIGNING_KEY)
                .where(SIGNING_KEY.RETIRED_AT.lt(before.atOffset(ZoneOffset.UTC)))
                .returning(SIGNING_KEY.KID)
                .fetch(SIGNING_KEY.KID);
    }

    /** Serialises key changes of concurrent auth instances. */
    void lock() {
        db.execute("LOCK TABLE signing_key IN SHARE ROW EXCLUSIVE MODE");
    }

    /** A key as stored: X.509 public and PKCS#8 private encodings. */
    record StoredKey(
            String kid, String algorithm, byte[] publicKey, byte[] privateKey, Instant createdAt, Instant retiredAt) {}
}
