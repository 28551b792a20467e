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

    /** Keys not retired yet, newest first. */
    List<StoredKey> active() {
        return db.selectFrom(SIGNING_KEY)
                .where(SIGNING_KEY.RETIRED_AT.isNull())
                .orderBy(SIGNING_KEY.CREATED_AT.desc())
                .fetch(r -> new StoredKey(
                        r.getKid(),
                        r.getAlgorithm(),
                        r.getPublicKey(),
                        r.getPrivateKey(),
                        r.getCreatedAt().toInstant()));
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

    /** A key as stored: X.509 public and PKCS#8 private encodings. */
    record StoredKey(String kid, String algorithm, byte[] publicKey, byte[] privateKey, Instant createdAt) {}
}
