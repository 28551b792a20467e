package io.lastmile.base.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One database and one role per module, each role owning only its own database: a module
 * cannot read another module's tables even by mistake.
 */
public final class DatabaseProvisioner {

    private final DataSource admin;

    public DatabaseProvisioner(DataSource admin) {
        this.admin = admin;
    }

    /**
     * Makes sure the module's role exists with this password and owns a database of its name.
     *
     * @return true when the database was created now (the module's first start)
     */
    public boolean ensure(String module, String password) {
        String name = module.replace('-', '_');
        try (Connection connection = admin.getConnection();
                Statement sql = connection.createStatement()) {
            String role = Sql.identifier(name);
            if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                sql.execute("ALTER ROLE " + role + " WITH LOGIN PASSWORD " + Sql.literal(password));
            } else {
                sql.execute("CREATE ROLE " + role + " WITH LOGIN PASSWORD " + Sql.literal(password));
            }
            if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                return false;
            }
            sql.execute("CREATE DATABASE " + role + " OWNER " + role + " ENCODING 'UTF8'");
            sql.execute("REVOKE ALL ON DATABASE " + role + " FROM PUBLIC");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not provision the database of " + module + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
