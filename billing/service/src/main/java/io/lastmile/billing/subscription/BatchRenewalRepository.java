package io.lastmile.billing.subscription;

import static io.lastmile.billing.db.Tables.ACCOUNT;
import static io.lastmile.billing.db.Tables.PROMISED_PAYMENT;
import static io.lastmile.billing.db.Tables.SERVICE_PRICE;
import static io.lastmile.billing.db.Tables.USER_SERVICE;
import static io.lastmile.billing.subscription.UserServiceRepository.utc;

import io.lastmile.billing.catalog.PriceVersion;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
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
        var columns = Arrays.stream(USER_SERVICE.fields())
                .filter(f -> !f.equals(USER_SERVICE.SETTINGS))
                .toList();
        return db.select(columns)
                .from(USER_SERVICE)
                .where(USER_SERVICE.ACCOUNT_ID.in(accountIds))
                .and(USER_SERVICE.DUE_AT.le(utc(now)))
                .orderBy(USER_SERVICE.ACCOUNT_ID, USER_SERVICE.DUE_AT, USER_SERVICE.ID)
                .fetch(r -> UserServiceRepository.map(r.into(USER_SERVICE)));
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

    /**
     * Records the warning steps taken (nothing to warn about): next stop is the period end. Plain
     * SQL over unnest(), one statement per batch, as the ledger's batch insert.
     */
    void warned(List<UserService> services, Instant now) {
        db.execute(
                "UPDATE user_service u SET notified_at = ?::timestamptz, due_at = v.d, updated_at = ?::timestamptz"
                        + " FROM unnest(?::bigint[], ?::timestamptz[]) AS v(id, d) WHERE u.id = v.id",
                now.toString(),
                now.toString(),
                services.stream().map(s -> s.id).toArray(Long[]::new),
                services.stream().map(s -> text(s.dueAt)).toArray(String[]::new));
    }

    /** Saves the new current periods of prolonged services and their PROLONGATE events. */
    void prolonged(List<UserService> services, Instant now) {
        Long[] ids = services.stream().map(s -> s.id).toArray(Long[]::new);
        Integer[] numbers = services.stream().map(s -> s.periodNo).toArray(Integer[]::new);
        db.execute(
                "UPDATE user_service u SET period_no = v.n, price_id = v.p, period_start = v.s, period_end = v.e,"
                        + " paid_until = v.e, due_at = v.d, notified_at = NULL, updated_at = ?::timestamptz"
                        + " FROM unnest(?::bigint[], ?::int[], ?::bigint[], ?::timestamptz[], ?::timestamptz[],"
                        + " ?::timestamptz[]) AS v(id, n, p, s, e, d) WHERE u.id = v.id",
                now.toString(),
                ids,
                numbers,
                services.stream().map(s -> s.priceId).toArray(Long[]::new),
                services.stream().map(s -> text(s.periodStart)).toArray(String[]::new),
                services.stream().map(s -> text(s.periodEnd)).toArray(String[]::new),
                services.stream().map(s -> text(s.dueAt)).toArray(String[]::new));
        db.execute(
                "INSERT INTO user_service_event (user_service_id, account_id, event, status_from, status_to, detail,"
                        + " actor, created_at) SELECT id, a, 'PROLONGATE', 'ACTIVE', 'ACTIVE', 'period ' || n, ?,"
                        + " ?::timestamptz FROM unnest(?::bigint[], ?::bigint[], ?::int[]) AS v(id, a, n)",
                Wallet.CLOCK_ACTOR,
                now.toString(),
                ids,
                services.stream().map(s -> s.accountId).toArray(Long[]::new),
                numbers);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
