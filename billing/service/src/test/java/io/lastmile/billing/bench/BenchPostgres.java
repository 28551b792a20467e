package io.lastmile.billing.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's own PostgreSQL: zonky's embedded server (the binaries the tests and the dev
 * appliance use) with its data in the benchmark's work directory, configured as the appliance's
 * Debian PostgreSQL runs: fsync and synchronous commit on (zonky turns both off by default).
 */
final class BenchPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private BenchPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static BenchPostgres start(Path dataDirectory, Path log, boolean statements) throws IOException {
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "50")
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()));
        if (statements) {
            // and the plans of slow statements in postgres.log, for what the statistics cannot tell
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                    .setServerConfig("pg_stat_statements.track", "all")
                    .setServerConfig("auto_explain.log_min_duration", "5ms");
        }
        return new BenchPostgres(builder.start(), dataDirectory);
    }

    String createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres");
                Statement sql = c.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    /** CPU seconds (user + system) used so far by the postmaster and every backend it forked. */
    double cpuSeconds() {
        long postmaster = ProcessCpu.pidIn(dataDirectory.resolve("postmaster.pid"));
        return postmaster < 0 ? Double.NaN : ProcessCpu.seconds(postmaster);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
