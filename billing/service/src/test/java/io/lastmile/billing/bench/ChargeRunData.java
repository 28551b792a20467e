package io.lastmile.billing.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The data set of a charge run, written set-at-a-time with SQL as billing itself would have left
 * it a month after every subscriber ordered: three monthly tariffs; accounts in Moscow time with
 * their payment; one to three ACTIVE services each (a deterministic pseudo-random count), ordered
 * on 1 February at a time of day of their own, their first period charged, the warning step taken;
 * so that every one of them is due on 1 March, and all of them can pay for March.
 */
final class ChargeRunData {

    static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    /** The orders are placed during this local day, so every first period ends during 1 March. */
    static final OffsetDateTime ORDER_DAY = OffsetDateTime.parse("2027-02-01T00:00:00+03:00");
    /** The billing clock runs once at the end of the due day. */
    static final Instant CLOCK_AT =
            OffsetDateTime.parse("2027-03-02T00:00:00+03:00").toInstant();

    private static final String PAYMENT = "3000.00";

    private ChargeRunData() {}

    /** What was generated. */
    record Counts(long accounts, long services, long ledgerEntries, long events) {}

    static Counts generate(Connection c, int accounts) throws SQLException {
        try (Statement sql = c.createStatement()) {
            sql.execute("SET TIME ZONE 'UTC'");
            tariffs(sql);
            sql.execute("""
                    INSERT INTO account (id, contract, name, currency, balance, created_at, updated_at)
                    OVERRIDING SYSTEM VALUE
                    SELECT g, 'B' || lpad(g::text, 7, '0'), 'Subscriber ' || g, 'RUB', 0, %s, %s
                    FROM generate_series(1, %d) g
                    """.formatted(paidAt(), paidAt(), accounts));
            sql.execute("SELECT setval(pg_get_serial_sequence('account', 'id'), " + accounts + ")");
            sql.execute("""
                    INSERT INTO user_service (account_id, service_id, status, price_id, anchor, period_no,
                                              period_start, period_end, paid_until, notified_at, due_at,
                                              order_key, created_at, updated_at)
                    SELECT a.id, t.service_id, 'ACTIVE', t.price_id, x.anchor, 1,
                           x.anchor, x.ends, x.ends, NULL, x.ends - interval '3 days',
                           'order-' || a.id || '-' || t.slot, x.anchor, x.anchor
                    FROM account a
                    JOIN bench_tariff t ON t.slot <= %s
                    CROSS JOIN LATERAL (
                        SELECT o.at AS anchor,
                               ((o.at AT TIME ZONE 'Europe/Moscow') + interval '1 month') AT TIME ZONE 'Europe/Moscow' AS ends
                        FROM (SELECT timestamptz '%s'
                                     + (abs(hashint4(a.id::int * 31 + 7)::bigint) %% 86000) * interval '1 second'
                                     + t.slot * interval '1 minute' AS at) o) x
                    ORDER BY a.id, t.slot
                    """.formatted(servicesOf("a.id"), ORDER_DAY));
            sql.execute("""
                    INSERT INTO ledger_entry (account_id, kind, amount, currency, balance_after, idempotency_key,
                                              request_digest, payment_method, external_id, actor, created_at)
                    SELECT id, 'PAYMENT', %s, 'RUB', %s, 'payment-' || id,
                           encode(sha256(('payment-' || id)::bytea), 'hex'), 'cash', 'receipt-' || id, 'cli', %s
                    FROM account ORDER BY id
                    """.formatted(PAYMENT, PAYMENT, paidAt()));
            sql.execute("""
                    INSERT INTO ledger_entry (account_id, kind, amount, currency, balance_after, idempotency_key,
                                              request_digest, user_service_id, period_start, period_end, price_id,
                                              actor, created_at)
                    SELECT us.account_id, 'CHARGE', -t.price, 'RUB',
                           %s - sum(t.price) OVER (PARTITION BY us.account_id ORDER BY us.id),
                           'charge:' || us.id || ':' || (extract(epoch FROM us.period_start) * 1000)::bigint
                               || ':' || us.price_id,
                           encode(sha256(('charge-' || us.id)::bytea), 'hex'),
                           us.id, us.period_start, us.period_end, us.price_id, 'cli', us.created_at
                    FROM user_service us JOIN bench_tariff t ON t.service_id = us.service_id
                    ORDER BY us.id
                    """.formatted(PAYMENT));
            // an order moves INIT -> PROGRESS -> ACTIVE, each move an event
            sql.execute("""
                    INSERT INTO user_service_event (user_service_id, account_id, event, status_from, status_to,
                                                    actor, created_at)
                    SELECT us.id, us.account_id, 'CREATE', m.status_from, m.status_to, 'cli', us.created_at
                    FROM user_service us, (VALUES (1, 'INIT', 'PROGRESS'), (2, 'PROGRESS', 'ACTIVE')) m(n, status_from, status_to)
                    ORDER BY us.id, m.n
                    """);
            history(sql);
            return new Counts(
                    count(sql, "SELECT count(*) FROM account"),
                    count(sql, "SELECT count(*) FROM user_service"),
                    count(sql, "SELECT count(*) FROM ledger_entry"),
                    count(sql, "SELECT count(*) FROM user_service_event"));
        }
    }

    /**
     * The updates these rows went through after they were written, as billing made them: the
     * account's balance with each entry (written here once, with the payment and the first
     * charges), and the warning step three days before each period's end, that found the money
     * sufficient. Rows so updated leave room on their pages, as in a database that has lived.
     */
    private static void history(Statement sql) throws SQLException {
        sql.execute("""
                UPDATE account a SET balance = %s - s.total, updated_at = s.at
                FROM (SELECT us.account_id, sum(t.price) AS total, max(us.created_at) AS at
                      FROM user_service us JOIN bench_tariff t ON t.service_id = us.service_id
                      GROUP BY us.account_id) s
                WHERE s.account_id = a.id
                """.formatted(PAYMENT));
        sql.execute("UPDATE user_service SET notified_at = due_at, due_at = period_end, updated_at = due_at");
    }

    /** Internet, TV and a static IP, monthly, calendar months; slot n is the n-th one an account takes. */
    private static void tariffs(Statement sql) throws SQLException {
        String since = "timestamptz '2027-01-01T00:00:00+03:00'";
        sql.execute("""
                INSERT INTO service (name, category, currency, period, charge_mode, orderable, created_at, updated_at)
                VALUES ('Internet 100 Mbit/s', 'internet', 'RUB', 'P1M', 'PERIOD', true, %1$s, %1$s),
                       ('IPTV', 'tv', 'RUB', 'P1M', 'PERIOD', true, %1$s, %1$s),
                       ('Static IP address', 'static-ip', 'RUB', 'P1M', 'PERIOD', true, %1$s, %1$s)
                """.formatted(since));
        sql.execute("""
                INSERT INTO service_price (service_id, version, price, effective_from, created_at, created_by)
                SELECT id, 1, CASE category WHEN 'internet' THEN 500 WHEN 'tv' THEN 299 ELSE 150 END,
                       %1$s, %1$s, 'cli'
                FROM service
                """.formatted(since));
        sql.execute("""
                CREATE TEMP TABLE bench_tariff AS
                SELECT row_number() OVER (ORDER BY s.id) AS slot, s.id AS service_id, p.id AS price_id, p.price
                FROM service s JOIN service_price p ON p.service_id = s.id
                """);
    }

    /** How many services the account takes: 1, 2 or 3, pseudo-random but the same on every run. */
    private static String servicesOf(String accountId) {
        return "(1 + abs(hashint4((" + accountId + ")::int)::bigint) % 3)";
    }

    private static String paidAt() {
        return "timestamptz '" + ORDER_DAY.minusHours(12) + "'";
    }

    static long count(Statement sql, String query) throws SQLException {
        try (ResultSet r = sql.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
