package io.lastmile.billing.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * With {@code --profile}: where the billing clock's time goes. The JVM side from a Java Flight
 * Recorder recording of the run (CPU samples by hot method and by the billing code that led to
 * them); the database side from pg_stat_statements (statements by total time, calls per account).
 */
final class ClockProfile implements AutoCloseable {

    private final Recording recording;
    private final Path file;

    private ClockProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    static void prepare(Connection c) throws SQLException {
        try (Statement sql = c.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            sql.execute("SELECT pg_stat_statements_reset()");
        }
    }

    static ClockProfile start(Path file) throws IOException, ParseException {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return new ClockProfile(recording, file);
    }

    @Override
    public void close() throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
    }

    void printJvm() throws IOException {
        Map<String, Integer> leaf = new HashMap<>();
        Map<String, Integer> billing = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            leaf.merge(name(frames.getFirst()), 1, Integer::sum);
            frames.stream()
                    .filter(f -> f.getMethod().getType().getName().startsWith("io.lastmile.billing"))
                    .findFirst()
                    .ifPresent(f -> billing.merge(name(f), 1, Integer::sum));
        }
        System.out.println("profile, JVM (" + samples + " CPU samples of Java code; " + file.getFileName() + "):");
        System.out.println("  hottest methods (self):");
        top(leaf, samples, 12);
        System.out.println("  billing code on the stack when sampled (innermost io.lastmile.billing frame):");
        top(billing, samples, 12);
    }

    static void printDatabase(Connection c, long accounts) throws SQLException {
        try (Statement sql = c.createStatement();
                ResultSet r = sql.executeQuery("""
                        SELECT calls, rows, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g')
                        FROM pg_stat_statements
                        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND query NOT ILIKE '%pg_stat_statements%'
                        ORDER BY total_exec_time DESC LIMIT 14
                        """)) {
            System.out.println("profile, PostgreSQL (pg_stat_statements; calls per account, rows, total time):");
            while (r.next()) {
                String query = r.getString(4);
                System.out.printf(
                        "  %8d calls (%5.2f/acct) %9d rows %8.0f ms  %s%n",
                        r.getLong(1),
                        r.getLong(1) / (double) accounts,
                        r.getLong(2),
                        r.getDouble(3),
                        query.length() > 150 ? query.substring(0, 150) + "..." : query);
            }
        }
        try (Statement sql = c.createStatement();
                ResultSet r = sql.executeQuery("""
                        SELECT sum(calls), sum(total_exec_time) FROM pg_stat_statements
                        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND query NOT ILIKE '%pg_stat_statements%'
                        """)) {
            r.next();
            System.out.printf(
                    "  in all: %d statements (%.1f per account), %.1f s executing in PostgreSQL%n",
                    r.getLong(1), r.getLong(1) / (double) accounts, r.getDouble(2) / 1000);
        }
    }

    private static void top(Map<String, Integer> counts, int samples, int n) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .forEach(e -> System.out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }
}
