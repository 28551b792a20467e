package io.lastmile.billing.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * What PostgreSQL itself does with the same rows: the ledger rows the billing clock booked,
 * written with COPY into a scratch copy of {@code ledger_entry} that has the same columns, checks,
 * indexes (the unique idempotency key, the per-account index, the one-charge-per-period index),
 * foreign keys and the same rows before the run.
 */
final class CopyBaseline {

    private static final String COLUMNS = "account_id, kind, amount, currency, balance_after, idempotency_key,"
            + " request_digest, user_service_id, period_start, period_end, price_id, actor, created_at";

    private CopyBaseline() {}

    /** Creates the scratch table with the ledger as it is now (before the clock runs). */
    static void prepare(Connection c) throws SQLException {
        try (Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE bench_copy (LIKE ledger_entry INCLUDING ALL)");
            sql.execute("""
                    ALTER TABLE bench_copy
                        ADD FOREIGN KEY (account_id) REFERENCES account (id),
                        ADD FOREIGN KEY (corrects_entry_id) REFERENCES bench_copy (id),
                        ADD FOREIGN KEY (price_id) REFERENCES service_price (id)
                    """);
            sql.execute("INSERT INTO bench_copy OVERRIDING SYSTEM VALUE SELECT * FROM ledger_entry");
            sql.execute("SELECT setval(pg_get_serial_sequence('bench_copy', 'id'), (SELECT max(id) FROM bench_copy))");
        }
    }

    /** Copies the clock's charges out to a file, then times COPY of them into the scratch table. */
    static Result run(Connection c, Path scratch) throws SQLException, IOException {
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        long rows;
        try (OutputStream out = Files.newOutputStream(scratch)) {
            rows = copy.copyOut(
                    "COPY (SELECT " + COLUMNS + " FROM ledger_entry"
                            + " WHERE kind = 'CHARGE' AND actor = 'billing-clock' ORDER BY id) TO STDOUT",
                    out);
        }
        try (Statement sql = c.createStatement()) {
            sql.execute("CHECKPOINT");
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long start = System.nanoTime();
        long copied;
        try (InputStream in = Files.newInputStream(scratch)) {
            copied = copy.copyIn("COPY bench_copy (" + COLUMNS + ") FROM STDIN", in, 1 << 16);
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (copied != rows) {
            throw new IllegalStateException("COPY wrote " + copied + " of " + rows + " rows");
        }
        return new Result(copied, seconds, Files.size(scratch));
    }

    record Result(long rows, double seconds, long bytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }
}
