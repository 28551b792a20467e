package io.lastmile.billing.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

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
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .getFirst()
                    .trim());
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                long[] stat = stat(p);
                if (stat != null && (stat[0] == postmaster || stat[1] == postmaster)) {
                    // utime + stime of the process and of its children that were waited for
                    ticks += stat[2] + stat[3] + stat[4] + stat[5];
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** pid, ppid, utime, stime, cutime, cstime of /proc/pid/stat, or null if it is gone. */
    private static long[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[] {
                Long.parseLong(proc.getFileName().toString()),
                Long.parseLong(f[1]),
                Long.parseLong(f[11]),
                Long.parseLong(f[12]),
                Long.parseLong(f[13]),
                Long.parseLong(f[14])
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
