package io.lastmile.auth.subscriber;

import static io.lastmile.auth.db.Tables.PASSWORD_RESET;
import static io.lastmile.auth.db.Tables.SUBSCRIBER_CREDENTIAL;

import io.lastmile.auth.db.tables.records.SubscriberCredentialRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class SubscriberRepository {

    private final DSLContext db;

    SubscriberRepository(DSLContext db) {
        this.db = db;
    }

    Optional<StoredCredential> find(long accountId) {
        return db.selectFrom(SUBSCRIBER_CREDENTIAL)
                .where(SUBSCRIBER_CREDENTIAL.ACCOUNT_ID.eq(accountId))
                .fetchOptional(SubscriberRepository::toCredential);
    }

    /** The credential whose contract number (or, when enabled, e-mail or phone) is {@code login}. */
    Optional<StoredCredential> findByLogin(String login, boolean byEmail, String phoneDigits) {
        List<Condition> any = new ArrayList<>();
        any.add(SUBSCRIBER_CREDENTIAL.CONTRACT.eq(login));
        if (byEmail) {
            any.add(DSL.lower(SUBSCRIBER_CREDENTIAL.EMAIL).eq(login.toLowerCase(java.util.Locale.ROOT)));
        }
        if (phoneDigits != null) {
            any.add(SUBSCRIBER_CREDENTIAL.PHONE.eq(phoneDigits));
        }
        // a contract number wins over an e-mail or phone that happens to read the same
        return db.selectFrom(SUBSCRIBER_CREDENTIAL)
                .where(DSL.or(any))
                .orderBy(DSL.when(SUBSCRIBER_CREDENTIAL.CONTRACT.eq(login), 0).otherwise(1))
                .limit(1)
                .fetchOptional(SubscriberRepository::toCredential);
    }

    /** Returns false when the account or one of the logins is taken. */
    boolean insert(long accountId, String contract, String email, String phone, String hash) {
        return db.insertInto(SUBSCRIBER_CREDENTIAL)
                        .set(SUBSCRIBER_CREDENTIAL.ACCOUNT_ID, accountId)
                        .set(SUBSCRIBER_CREDENTIAL.CONTRACT, contract)
                        .set(SUBSCRIBER_CREDENTIAL.EMAIL, email)
                        .set(SUBSCRIBER_CREDENTIAL.PHONE, phone)
                        .set(SUBSCRIBER_CREDENTIAL.PASSWORD_HASH, hash)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    boolean loginTaken(long exceptAccount, String contract, String email, String phone) {
        List<Condition> any = new ArrayList<>();
        any.add(SUBSCRIBER_CREDENTIAL.CONTRACT.eq(contract));
        if (email != null) {
            any.add(DSL.lower(SUBSCRIBER_CREDENTIAL.EMAIL).eq(email.toLowerCase(java.util.Locale.ROOT)));
        }
        if (phone != null) {
            any.add(SUBSCRIBER_CREDENTIAL.PHONE.eq(phone));
        }
        return db.fetchExists(
                SUBSCRIBER_CREDENTIAL, DSL.or(any).and(SUBSCRIBER_CREDENTIAL.ACCOUNT_ID.ne(exceptAccount)));
    }

    /** Returns false when the account has no credential or one of the logins is taken. */
    boolean setLogins(long accountId, String contract, String email, String phone) {
        try {
            return db.update(SUBSCRIBER_CREDENTIAL)
                            .set(SUBSCRIBER_CREDENTIAL.CONTRACT, contract)
                            .set(SUBSCRIBER_CREDENTIAL.EMAIL, email)
                            .set(SUBSCRIBER_CREDENTIAL.PHONE, phone)
                            .set(SUBSCRIBER_CREDENTIAL.UPDATED_AT, DSL.currentOffsetDateTime())
                            .where(SUBSCRIBER_CREDENTIAL.ACCOUNT_ID.eq(accountId))
                            .execute()
                    == 1;
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            return false; // another account took the login since loginTaken looked
        }
    }

    boolean setPasswordHash(long accountId, String hash) {
        return db.update(SUBSCRIBER_CREDENTIAL)
                        .set(SUBSCRIBER_CREDENTIAL.PASSWORD_HASH, hash)
                        .set(SUBSCRIBER_CREDENTIAL.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(SUBSCRIBER_CREDENTIAL.ACCOUNT_ID.eq(accountId))
                        .execute()
                == 1;
    }

    boolean setEnabled(long accountId, boolean enabled) {
        return db.update(SUBSCRIBER_CREDENTIAL)
                        .set(SUBSCRIBER_CREDENTIAL.ENABLED, enabled)
                        .set(SUBSCRIBER_CREDENTIAL.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(SUBSCRIBER_CREDENTIAL.ACCOUNT_ID.eq(accountId))
                        .execute()
                == 1;
    }

    void insertReset(byte[] tokenHash, long accountId, Instant createdAt, Instant expiresAt) {
        db.insertInto(PASSWORD_RESET)
                .set(PASSWORD_RESET.TOKEN_HASH, tokenHash)
                .set(PASSWORD_RESET.ACCOUNT_ID, accountId)
                .set(PASSWORD_RESET.CREATED_AT, createdAt.atOffset(ZoneOffset.UTC))
                .set(PASSWORD_RESET.EXPIRES_AT, expiresAt.atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** The account of a reset token that is unused and unexpired. */
    Optional<Long> validReset(byte[] tokenHash, Instant now) {
        return db.select(PASSWORD_RESET.ACCOUNT_ID)
                .from(PASSWORD_RESET)
                .where(PASSWORD_RESET.TOKEN_HASH.eq(tokenHash))
                .and(PASSWORD_RESET.USED_AT.isNull())
                .and(PASSWORD_RESET.EXPIRES_AT.gt(now.atOffset(ZoneOffset.UTC)))
                .fetchOptional(PASSWORD_RESET.ACCOUNT_ID);
    }

    /** Marks a valid token used, at most once; answers its account. */
    Optional<Long> useReset(byte[] tokenHash, Instant now) {
        return db.update(PASSWORD_RESET)
                .set(PASSWORD_RESET.USED_AT, now.atOffset(ZoneOffset.UTC))
                .where(PASSWORD_RESET.TOKEN_HASH.eq(tokenHash))
                .and(PASSWORD_RESET.USED_AT.isNull())
                .and(PASSWORD_RESET.EXPIRES_AT.gt(now.atOffset(ZoneOffset.UTC)))
                .returning(PASSWORD_RESET.ACCOUNT_ID)
                .fetchOptional(PASSWORD_RESET.ACCOUNT_ID);
    }

    /** A new reset link voids the older ones. */
    void voidResets(long accountId, Instant now) {
        db.update(PASSWORD_RESET)
                .set(PASSWORD_RESET.USED_AT, now.atOffset(ZoneOffset.UTC))
                .where(PASSWORD_RESET.ACCOUNT_ID.eq(accountId))
                .and(PASSWORD_RESET.USED_AT.isNull())
                .execute();
    }

    private static StoredCredential toCredential(SubscriberCredentialRecord r) {
        return new StoredCredential(
                r.getAccountId(), r.getContract(), r.getEmail(), r.getPhone(), r.getPasswordHash(), r.getEnabled());
    }

    record StoredCredential(
            long accountId, String contract, String email, String phone, String passwordHash, boolean enabled) {}
}
