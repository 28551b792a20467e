package io.lastmile.base.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode's PostgreSQL: zonky's embedded server with its data under var/pgdata, kept across
 * restarts. initdb leaves it open to anyone on loopback ("trust"); on the first start base sets
 * the superuser's password and switches every connection to scram-sha-256.
 */
public final class DevPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevPostgres.class);
    private static final String HBA = """
            # written by Lastmile base: every connection authenticates with a password
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;

    private DevPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static DevPostgres start(Path dataDirectory, int port, String superuserPassword, Path log) {
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setConnectConfig("password", superuserPassword)
                    .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            DevPostgres dev = new DevPostgres(postgres);
            if (fresh) {
                dev.requirePasswords(dataDirectory, superuserPassword);
            }
            DevPostgres.log.info("embedded PostgreSQL is up on 127.0.0.1:{} with data in {}", port, dataDirectory);
            return dev;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not start the embedded PostgreSQL in " + dataDirectory + " (see " + log + ")", e);
        }
    }

    public DataSource superuser() {
        return postgres.getPostgresDatabase();
    }

    private void requirePasswords(Path dataDirectory, String superuserPassword) throws IOException {
        try (Connection connection = superuser().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("ALTER ROLE postgres PASSWORD " + Sql.literal(superuserPassword));
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA);
            sql.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not secure the new embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
