package io.lastmile.fiscal.account;

import static io.lastmile.fiscal.db.Tables.ACCOUNT_CACHE;

import io.lastmile.fiscal.payment.PayerAccount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

@Repository
class AccountCacheRepository {

    private final DSLContext db;

    AccountCacheRepository(DSLContext db) {
        this.db = db;
    }

    record Cached(PayerAccount account, String status) {}

    Optional<Cached> byContract(String contract) {
        return db.selectFrom(ACCOUNT_CACHE)
                .where(ACCOUNT_CACHE.CONTRACT.eq(contract))
                .fetchOptional(AccountCacheRepository::cached);
    }

    Optional<Cached> byId(long id) {
        return db.selectFrom(ACCOUNT_CACHE)
                .where(ACCOUNT_CACHE.ID.eq(id))
                .fetchOptional(AccountCacheRepository::cached);
    }

    void remember(PayerAccount a, String status, Instant now) {
        // a contract number may have moved to another account: the newest answer wins
        db.deleteFrom(ACCOUNT_CACHE)
                .where(ACCOUNT_CACHE.CONTRACT.eq(a.contract()).and(ACCOUNT_CACHE.ID.ne(a.id())))
                .execute();
        db.insertInto(ACCOUNT_CACHE)
                .set(ACCOUNT_CACHE.ID, a.id())
                .set(ACCOUNT_CACHE.CONTRACT, a.contract())
                .set(ACCOUNT_CACHE.CURRENCY, a.currency())
                .set(ACCOUNT_CACHE.EMAIL, a.email())
                .set(ACCOUNT_CACHE.PHONE, a.phone())
                .set(ACCOUNT_CACHE.STATUS, status)
                .set(ACCOUNT_CACHE.SEEN_AT, now.atOffset(ZoneOffset.UTC))
                .onConflict(ACCOUNT_CACHE.ID)
                .doUpdate()
                .set(ACCOUNT_CACHE.CONTRACT, a.contract())
                .set(ACCOUNT_CACHE.CURRENCY, a.currency())
                .set(ACCOUNT_CACHE.EMAIL, a.email())
                .set(ACCOUNT_CACHE.PHONE, a.phone())
                .set(ACCOUNT_CACHE.STATUS, status)
                .set(ACCOUNT_CACHE.SEEN_AT, now.atOffset(ZoneOffset.UTC))
                .execute();
    }

    private static Cached cached(Record r) {
        return new Cached(
                new PayerAccount(
                        r.get(ACCOUNT_CACHE.ID),
                        r.get(ACCOUNT_CACHE.CONTRACT),
                        r.get(ACCOUNT_CACHE.CURRENCY),
                        r.get(ACCOUNT_CACHE.EMAIL),
                        r.get(ACCOUNT_CACHE.PHONE)),
                r.get(ACCOUNT_CACHE.STATUS));
    }
}
