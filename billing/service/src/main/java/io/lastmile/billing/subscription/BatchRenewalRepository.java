package io.lastmile.billing.subscription;

import static io.lastmile.billing.db.Tables.ACCOUNT;
import static io.lastmile.billing.db.Tables.PROMISED_PAYMENT;
import static io.lastmile.billing.db.Tables.SERVICE_PRICE;
import static io.lastmile.billing.db.Tables.USER_SERVICE;
import static io.lastmile.billing.db.Tables.USER_SERVICE_EVENT;
import static io.lastmile.billing.subscription.UserServiceRepository.utc;

import io.lastmile.billing.catalog.PriceVersion;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The set-at-a-time queries of the billing clock's batch path. */
@Repository
class BatchRenewalRepository {

    private final DSLContext db;

    BatchRenewalRepository(DSLContext db) {
        this.db = db;
    }

    /** Locks the accounts no one else holds, skipping the others. */
    List<AccountState> lockAccounts(Collection<Long> ids) {
        return db.select(
                        ACCOUNT.ID,
                        ACCOUNT.CURRENCY,
                        ACCOUNT.TIME_ZONE,
                        ACCOUNT.DISCOUNT_PERCENT,
                        ACCOUNT.CREDIT_LIMIT,
                        ACCOUNT.BALANCE,
                        ACCOUNT.BONUS)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.in(ids))
                .orderBy(ACCOUNT.ID)
                .forUpdate()
                .skipLocked()
                .fetch(r -> new AccountState(
                        r.value1(), r.value2(), ZoneId.of(r.value3()), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    Set<Long> withPromisedPaymentsDue(Collection<Long> accountIds, Instant now) {
        return db.selectDistinct(PROMISED_PAYMENT.ACCOUNT_ID)
                .from(PROMISED_PAYMENT)
                .where(PROMISED_PAYMENT.ACCOUNT_ID.in(accountIds))
                .and(PROMISED_PAYMENT.RETURNED_ENTRY_ID.isNull())
                .and(PROMISED_PAYMENT.DUE_AT.le(utc(now)))
                .fetchSet(r -> r.value1());
    }

    /** The due services of the accounts, per account in the order they fell due. */
    List<UserService> due(Collection<Long> accountIds, Instant now) {
        return db.selectFrom(USER_SERVICE)
                .where(USER_SERVICE.ACCOUNT_ID.in(accountIds))
                .and(USER_SERVICE.DUE_AT.le(utc(now)))
                .orderBy(USER_SERVICE.ACCOUNT_ID, USER_SERVICE.DUE_AT, USER_SERVICE.ID)
                .fetch(UserServiceRepository::map);
    }

    List<PriceVersion> prices(Collection<Long> serviceIds) {
        return db.selectFrom(SERVICE_PRICE)
                .where(SERVICE_PRICE.SERVICE_ID.in(serviceIds))
                .fetch(r -> new PriceVersion(
                        r.getId(),
                        r.getServiceId(),
                        r.getVersion(),
                        r.getPrice(),
                        r.getEffectiveFrom().toInstant()));
    }

    /** Records the warning steps taken (nothing to warn about): next stop is the period end. */
    void warned(List<UserService> services, Instant now) {
        var batch = db.batch(db.update(USER_SERVICE)
                .set(USER_SERVICE.NOTIFIED_AT, (OffsetDateTime) null)
                .set(USER_SERVICE.DUE_AT, (OffsetDateTime) null)
                .set(USER_SERVICE.UPDATED_AT, (OffsetDateTime) null)
                .where(USER_SERVICE.ID.eq((Long) null)));
        for (UserService s : services) {
            batch = batch.bind(utc(s.notifiedAt), utc(s.dueAt), utc(now), s.id);
        }
        batch.execute();
    }

    /** Saves the new current periods of prolonged services, in one batch. */
    void prolonged(List<UserService> services, Instant now) {
        var batch = db.batch(db.update(USER_SERVICE)
                .set(USER_SERVICE.PERIOD_NO, (Integer) null)
                .set(USER_SERVICE.PRICE_ID, (Long) null)
                .set(USER_SERVICE.PERIOD_START, (OffsetDateTime) null)
                .set(USER_SERVICE.PERIOD_END, (OffsetDateTime) null)
                .set(USER_SERVICE.PAID_UNTIL, (OffsetDateTime) null)
                .set(USER_SERVICE.DUE_AT, (OffsetDateTime) null)
                .set(USER_SERVICE.NOTIFIED_AT, (OffsetDateTime) null)
                .set(USER_SERVICE.UPDATED_AT, (OffsetDateTime) null)
                .where(USER_SERVICE.ID.eq((Long) null)));
        for (UserService s : services) {
            batch = batch.bind(
                    s.periodNo,
                    s.priceId,
                    utc(s.periodStart),
                    utc(s.periodEnd),
                    utc(s.paidUntil),
                    utc(s.dueAt),
                    null,
                    utc(now),
                    s.id);
        }
        batch.execute();
        var events = db.batch(db.insertInto(
                        USER_SERVICE_EVENT,
                        USER_SERVICE_EVENT.USER_SERVICE_ID,
                        USER_SERVICE_EVENT.ACCOUNT_ID,
                        USER_SERVICE_EVENT.EVENT,
                        USER_SERVICE_EVENT.STATUS_FROM,
                        USER_SERVICE_EVENT.STATUS_TO,
                        USER_SERVICE_EVENT.DETAIL,
                        USER_SERVICE_EVENT.ACTOR,
                        USER_SERVICE_EVENT.CREATED_AT)
                .values((Long) null, null, null, null, null, null, null, null));
        for (UserService s : services) {
            events = events.bind(
                    s.id,
                    s.accountId,
                    "PROLONGATE",
                    "ACTIVE",
                    "ACTIVE",
                    "period " + s.periodNo,
                    Wallet.CLOCK_ACTOR,
                    utc(now));
        }
        events.execute();
    }
}
