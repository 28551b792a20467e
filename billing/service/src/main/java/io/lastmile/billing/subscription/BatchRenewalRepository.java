package io.lastmile.billing.subscription;

import static io.lastmile.billing.sql.Jdbc.instant;
import static io.lastmile.billing.sql.Jdbc.text;

import io.lastmile.billing.catalog.PriceVersion;
import io.lastmile.billing.sql.Jdbc;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The set-at-a-time statements of the billing clock's batch path, in plain JDBC (see {@link Jdbc}
 * for why): a statement per kind for the whole batch, arrays in through unnest().
 */
@Repository
class BatchRenewalRepository {

    private final Jdbc jdbc;

    BatchRenewalRepository(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    /** Locks the accounts no one else holds, skipping the others. */
    List<AccountState> lockAccounts(Collection<Long> ids) {
        return jdbc.query(
                "SELECT id, currency, time_zone, discount_percent, credit_limit, balance, bonus FROM account"
                        + " WHERE id = ANY(?) ORDER BY id FOR UPDATE SKIP LOCKED",
                p -> p.bigints(ids),
                r -> new AccountState(
                        r.getLong(1),
                        r.getString(2),
                        ZoneId.of(r.getString(3)),
                        r.getBigDecimal(4),
                        r.getBigDecimal(5),
                        r.getBigDecimal(6),
                        r.getBigDecimal(7)));
    }

    Set<Long> withPromisedPaymentsDue(Collection<Long> accountIds, Instant now) {
        return new HashSet<>(jdbc.query(
                "SELECT DISTINCT account_id FROM promised_payment WHERE account_id = ANY(?)"
                        + " AND returned_entry_id IS NULL AND due_at <= ?::timestamptz",
                p -> p.bigints(accountIds).instant(now),
                r -> r.getLong(1)));
    }

    /**
     * The due services of the accounts, per account in the order they fell due, with what the
     * batch path reads of them (not their settings, order key or freeze).
     */
    List<UserService> due(Collection<Long> accountIds, Instant now) {
        return jdbc.query(
                "SELECT id, account_id, service_id, parent_id, quantity, status, price_id, anchor, period_no,"
                        + " period_start, period_end, paid_until, notified_at, grace_until, next_service_id, due_at"
                        + " FROM user_service WHERE account_id = ANY(?) AND due_at <= ?::timestamptz"
                        + " ORDER BY account_id, due_at, id",
                p -> p.bigints(accountIds).instant(now),
                r -> {
                    UserService s = new UserService();
                    s.id = r.getLong(1);
                    s.accountId = r.getLong(2);
                    s.serviceId = r.getLong(3);
                    s.parentId = r.getObject(4, Long.class);
                    s.quantity = r.getInt(5);
                    s.status = Status.valueOf(r.getString(6));
                    s.priceId = r.getObject(7, Long.class);
                    s.anchor = instant(r, 8);
                    s.periodNo = r.getObject(9, Integer.class);
                    s.periodStart = instant(r, 10);
                    s.periodEnd = instant(r, 11);
                    s.paidUntil = instant(r, 12);
                    s.notifiedAt = instant(r, 13);
                    s.graceUntil = instant(r, 14);
                    s.nextServiceId = r.getObject(15, Long.class);
                    s.dueAt = instant(r, 16);
                    return s;
                });
    }

    List<PriceVersion> prices(Collection<Long> serviceIds) {
        return jdbc.query(
                "SELECT id, service_id, version, price, effective_from FROM service_price WHERE service_id = ANY(?)",
                p -> p.bigints(serviceIds),
                r -> new PriceVersion(r.getLong(1), r.getLong(2), r.getInt(3), r.getBigDecimal(4), instant(r, 5)));
    }

    /** Records the warning steps taken (nothing to warn about): next stop is the period end. */
    void warned(List<UserService> services, Instant now) {
        jdbc.update(
                "UPDATE user_service u SET notified_at = ?::timestamptz, due_at = v.d, updated_at = ?::timestamptz"
                        + " FROM unnest(?::bigint[], ?::timestamptz[]) AS v(id, d) WHERE u.id = v.id",
                p -> p.instant(now)
                        .instant(now)
                        .array("bigint", services.stream().map(s -> s.id).toArray())
                        .array("text", services.stream().map(s -> text(s.dueAt)).toArray()));
    }

    /** Raises the PROLONGATE events of services about to be prolonged. */
    void prolongateEvents(List<UserService> services, Instant now) {
        if (services.isEmpty()) {
            return;
        }
        jdbc.update(
                "INSERT INTO user_service_event (user_service_id, account_id, event, status_from, status_to, detail,"
                        + " actor, created_at, dispatch) SELECT id, a, 'PROLONGATE', 'ACTIVE', 'ACTIVE', 'period ' || n, ?,"
                        + " ?::timestamptz, 'PENDING' FROM unnest(?::bigint[], ?::bigint[], ?::int[]) AS v(id, a, n)",
                p -> p.value(Wallet.CLOCK_ACTOR)
                        .instant(now)
                        .array("bigint", services.stream().map(s -> s.id).toArray())
                        .array("bigint", services.stream().map(s -> s.accountId).toArray())
                        .array("int4", services.stream().map(s -> s.periodNo).toArray()));
    }

    /** Saves the new current periods of prolonged services. */
    void prolonged(List<UserService> services, Instant now) {
        if (services.isEmpty()) {
            return;
        }
        int n = services.size();
        Object[] ids = new Object[n];
        Object[] numbers = new Object[n];
        Object[] prices = new Object[n];
        Object[] starts = new Object[n];
        Object[] ends = new Object[n];
        Object[] dues = new Object[n];
        for (int i = 0; i < n; i++) {
            UserService s = services.get(i);
            ids[i] = s.id;
            numbers[i] = s.periodNo;
            prices[i] = s.priceId;
            starts[i] = text(s.periodStart);
            ends[i] = text(s.periodEnd);
            dues[i] = text(s.dueAt);
        }
        jdbc.update(
                "UPDATE user_service u SET period_no = v.n, price_id = v.p, period_start = v.s, period_end = v.e,"
                        + " paid_until = v.e, due_at = v.d, notified_at = NULL, updated_at = ?::timestamptz"
                        + " FROM unnest(?::bigint[], ?::int[], ?::bigint[], ?::timestamptz[], ?::timestamptz[],"
                        + " ?::timestamptz[]) AS v(id, n, p, s, e, d) WHERE u.id = v.id",
                p -> p.instant(now)
                        .array("bigint", ids)
                        .array("int4", numbers)
                        .array("bigint", prices)
                        .array("text", starts)
                        .array("text", ends)
                        .array("text", dues));
    }
}
