package io.lastmile.auth.login;

import static io.lastmile.auth.db.Tables.LOGIN_FAILURE;
import static io.lastmile.auth.db.Tables.LOGIN_LOCK;

import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class LoginThrottleRepository {

    static final String LOGIN = "login";
    static final String ADDRESS = "address";

    private final DSLContext db;

    LoginThrottleRepository(DSLContext db) {
        this.db = db;
    }

    boolean locked(String scope, String key, Instant now) {
        return db.fetchExists(
                LOGIN_LOCK,
                LOGIN_LOCK
                        .SCOPE
                        .eq(scope)
                        .and(LOGIN_LOCK.KEY.eq(key))
                        .and(LOGIN_LOCK.LOCKED_UNTIL.gt(now.atOffset(ZoneOffset.UTC))));
    }

    void addFailure(String login, String address, Instant at) {
        db.insertInto(LOGIN_FAILURE)
                .set(LOGIN_FAILURE.LOGIN, login)
                .set(LOGIN_FAILURE.ADDRESS, address)
                .set(LOGIN_FAILURE.FAILED_AT, at.atOffset(ZoneOffset.UTC))
                .execute();
    }

    int failuresOfLogin(String login, Instant since) {
        return db.fetchCount(
                LOGIN_FAILURE,
                LOGIN_FAILURE.LOGIN.eq(login).and(LOGIN_FAILURE.FAILED_AT.gt(since.atOffset(ZoneOffset.UTC))));
    }

    int failuresFromAddress(String address, Instant since) {
        return db.fetchCount(
                LOGIN_FAILURE,
                LOGIN_FAILURE.ADDRESS.eq(address).and(LOGIN_FAILURE.FAILED_AT.gt(since.atOffset(ZoneOffset.UTC))));
    }

    void lock(String scope, String key, Instant until) {
        db.insertInto(LOGIN_LOCK)
                .set(LOGIN_LOCK.SCOPE, scope)
                .set(LOGIN_LOCK.KEY, key)
                .set(LOGIN_LOCK.LOCKED_UNTIL, until.atOffset(ZoneOffset.UTC))
                .onConflict(LOGIN_LOCK.SCOPE, LOGIN_LOCK.KEY)
                .doUpdate()
                .set(LOGIN_LOCK.LOCKED_UNTIL, until.atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** Forgets a login's failures and lock; returns whether it was locked. */
    boolean clear(String login, Instant now) {
        db.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.LOGIN.eq(login)).execute();
        return db.deleteFrom(LOGIN_LOCK)
                        .where(LOGIN_LOCK.SCOPE.eq(LOGIN).and(LOGIN_LOCK.KEY.eq(login)))
                        .and(LOGIN_LOCK.LOCKED_UNTIL.gt(now.atOffset(ZoneOffset.UTC)))
                        .execute()
                > 0;
    }

    void purge(Instant before) {
        db.deleteFrom(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.FAILED_AT.lt(before.atOffset(ZoneOffset.UTC)))
                .execute();
        db.deleteFrom(LOGIN_LOCK)
                .where(LOGIN_LOCK.LOCKED_UNTIL.lt(before.atOffset(ZoneOffset.UTC)))
                .execute();
    }
}
