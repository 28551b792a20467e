package io.lastmile.billing.traffic;

import io.lastmile.billing.sql.Jdbc;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Booked batches and the usage they add to minutes, hours and days. Set-at-a-time statements over
 * arrays (one parameter per column, see {@link Jdbc}), each adding with ON CONFLICT DO UPDATE in
 * the rows' key order.
 */
@Repository
class UsageRepository {

    /** A batch booked before: what it booked. */
    record Booked(String contentHash, int rows, List<Long> unknownAccounts) {}

    private static final String ROWS =
            "unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::bigint[], ?::bigint[]) AS u(a, c, d, m, b, p)";

    private static final String MINUTES = "INSERT INTO traffic_minute AS t"
            + " (account_id, traffic_class, direction, minute, bytes, packets)"
            + " SELECT a, c, d, m, b, p FROM " + ROWS + " ORDER BY a, m, c, d"
            + " ON CONFLICT (account_id, minute, traffic_class, direction) DO UPDATE"
            + " SET bytes = t.bytes + excluded.bytes, packets = t.packets + excluded.packets";

    private static final String HOURS = "INSERT INTO traffic_hour AS t"
            + " (account_id, traffic_class, direction, hour, bytes, packets)"
            + " SELECT a, c, d, date_trunc('hour', m, 'UTC'), sum(b), sum(p) FROM " + ROWS
            + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 4, 2, 3"
            + " ON CONFLICT (account_id, hour, traffic_class, direction) DO UPDATE"
            + " SET bytes = t.bytes + excluded.bytes, packets = t.packets + excluded.packets";

    // the day of the account's own time zone, as its billing periods count days
    private static final String DAYS = "INSERT INTO traffic_day AS t"
            + " (account_id, traffic_class, direction, day, bytes, packets)"
            + " SELECT a, c, d, (m AT TIME ZONE account.time_zone)::date, sum(b), sum(p) FROM " + ROWS
            + " JOIN account ON account.id = a"
            + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 4, 2, 3"
            + " ON CONFLICT (account_id, day, traffic_class, direction) DO UPDATE"
            + " SET bytes = t.bytes + excluded.bytes, packets = t.packets + excluded.packets";

    private final Jdbc jdbc;

    UsageRepository(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    /** Which of `accounts` billing has. */
    Set<Long> known(Set<Long> accounts) {
        return Set.copyOf(
                jdbc.query("SELECT id FROM account WHERE id = ANY(?)", p -> p.bigints(accounts), r -> r.getLong(1)));
    }

    /**
     * Records the batch as booked by this transaction; false when it is booked already (a parallel
     * post of the same batch waits here until the first one's transaction ends).
     */
    boolean claim(UUID batchId, String source, String hash, int rows, List<Long> unknown, Instant now) {
        return jdbc.update(
                        "INSERT INTO traffic_batch (batch_id, source, content_hash, rows, unknown_accounts, received_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?::timestamptz) ON CONFLICT (batch_id) DO NOTHING",
                        p -> p.value(batchId)
                                .value(source)
                                .value(hash)
                                .value(rows)
                                .bigints(unknown)
                                .instant(now))
                == 1;
    }

    Optional<Booked> booked(UUID batchId) {
        return jdbc
                .query(
                        "SELECT content_hash, rows, unknown_accounts FROM traffic_batch WHERE batch_id = ?",
                        p -> p.value(batchId),
                        r -> new Booked(r.getString(1), r.getInt(2), longs(r.getArray(3))))
                .stream()
                .findFirst();
    }

    /** Adds the rows to their minutes, hours and days. */
    void add(UsageRows usage) {
        if (usage.rows().isEmpty()) {
            return;
        }
        for (String statement : List.of(MINUTES, HOURS, DAYS)) {
            jdbc.update(statement, p -> bind(p, usage));
        }
    }

    private static void bind(Jdbc.Parameters p, UsageRows usage) throws SQLException {
        List<UsageRows.Row> rows = usage.rows();
        int n = rows.size();
        Object[] accounts = new Object[n];
        Object[] classes = new Object[n];
        Object[] directions = new Object[n];
        Object[] minutes = new Object[n];
        Object[] bytes = new Object[n];
        Object[] packets = new Object[n];
        for (int i = 0; i < n; i++) {
            UsageRows.Row r = rows.get(i);
            accounts[i] = r.accountId();
            classes[i] = r.trafficClass();
            directions[i] = r.direction();
            minutes[i] = Jdbc.text(r.minute());
            bytes[i] = r.bytes();
            packets[i] = r.packets();
        }
        p.array("bigint", accounts)
                .array("text", classes)
                .array("text", directions)
                .array("timestamptz", minutes)
                .array("bigint", bytes)
                .array("bigint", packets);
    }

    private static List<Long> longs(Array array) throws SQLException {
        Long[] values = (Long[]) array.getArray();
        return new ArrayList<>(Arrays.asList(values));
    }
}
