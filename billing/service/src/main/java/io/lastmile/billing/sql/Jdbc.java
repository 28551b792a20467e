package io.lastmile.billing.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Plain JDBC on the transaction's connection, for the few set-at-a-time statements of the billing
 * clock's batch path: a charge run reads and writes hundreds of thousands of rows, and jOOQ's
 * record mapping and text-parsed timestamps cost more CPU than PostgreSQL's own work on them.
 * Arrays go in as one parameter each (to {@code = ANY(?)} or {@code unnest()}), so the statement
 * text does not change with the batch's size and pgjdbc keeps it prepared on the server.
 */
public final class Jdbc {

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(Parameters p) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    private final DSLContext db;

    public Jdbc(DSLContext db) {
        this.db = db;
    }

    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return db.connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                binder.bind(new Parameters(c, statement));
                List<T> rows = new ArrayList<>();
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        rows.add(mapper.map(r));
                    }
                }
                return rows;
            }
        });
    }

    /** Runs an INSERT or UPDATE; answers the rows it touched. */
    public int update(String sql, Binder binder) {
        return db.connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                binder.bind(new Parameters(c, statement));
                return statement.executeUpdate();
            }
        });
    }

    /** A timestamptz column as an instant, null stays null. */
    public static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An instant as timestamptz text for an array parameter (ISO-8601, read exactly by PostgreSQL). */
    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The parameters of one statement, numbered from 1 in the order they are set. */
    public static final class Parameters {
        private final Connection connection;
        private final PreparedStatement statement;
        private int next = 1;

        private Parameters(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        public Parameters value(Object value) throws SQLException {
            statement.setObject(next++, value);
            return this;
        }

        public Parameters instant(Instant value) throws SQLException {
            return value(text(value));
        }

        public Parameters bigints(Collection<Long> values) throws SQLException {
            return array("bigint", values.toArray());
        }

        /** An array parameter; a null {@code values} is SQL NULL. */
        public Parameters array(String elementType, Object[] values) throws SQLException {
            if (values == null) {
                statement.setNull(next++, Types.ARRAY);
                return this;
            }
            Array array = connection.createArrayOf(elementType, values);
            statement.setArray(next++, array);
            return this;
        }
    }
}
