package io.lastmile.billing.bench;

import ch.qos.logback.classic.Level;
import io.lastmile.billing.provisioning.CatalogChanged;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Spool throughput: N services (default 10,000) wait in PROGRESS, each with its CREATE event in the
 * outbox, as N orders would have left them; a binding sends each one's command over HTTP to a
 * local endpoint that answers 204 at once. The clock starts at the commit that queues them (its
 * NOTIFY wakes the spool) and stops when every service is ACTIVE. Checks that each command ran
 * exactly once. Last line: {@code tasks per second: N}.
 */
public final class SpoolRun {

    private final Path work;
    private final int services;
    private final int workers;
    private final boolean profile;
    private final int warmup;
    private final String endpointKind;

    private SpoolRun(Path work, int services, int workers, boolean profile, int warmup, String endpointKind) {
        this.endpointKind = endpointKind;
        this.profile = profile;
        this.warmup = warmup;
        this.work = work;
        this.services = services;
        this.workers = workers;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
        Path work = null;
        int services = 10_000;
        int workers = 128; // billing's default
        boolean profile = false;
        int warmup = 2_000;
        String endpointKind = "auto";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--endpoint" -> endpointKind = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (work == null || services < 1 || workers < 1 || warmup < 0) {
            throw new IllegalArgumentException("usage: SpoolRun --work DIR [--services N] [--workers N]");
        }
        System.exit(new SpoolRun(work, services, workers, profile, warmup, endpointKind).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        try (NoopEndpoint endpoint = NoopEndpoint.start(endpointKind, work);
                BenchPostgres pg = BenchPostgres.start(work.resolve("pg"), work.resolve("postgres.log"), profile)) {
            return run(endpoint, pg);
        }
    }

    private boolean run(NoopEndpoint endpoint, BenchPostgres pg) throws Exception {
        String url = pg.createDatabase("billing");
        try (var app = BenchApplication.start(url, workers);
                Connection db = pg.connect("billing")) {
            db.setAutoCommit(true);
            catalog(db, endpoint.port());
            app.publishEvent(new CatalogChanged(CatalogChanged.BINDINGS));
            System.out.printf(
                    "spool run: %d services in PROGRESS with their CREATE event queued; one HTTP command each"
                            + " to a local no-op endpoint (%s); %d spool workers%n",
                    services, endpoint.describe(), workers);
            if (warmup > 0) {
                // as billing runs in production: its spool's code compiled, its caches and pool warm
                queue(db, "W", warmup);
                awaitActive(db, warmup, System.nanoTime());
                System.out.printf("warm-up: %d services provisioned first (not timed)%n", warmup);
            }
            if (profile) {
                sql(db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            // the services and their events are written first, then the clock starts at their commit
            prepare(db, "S", services);
            if (profile) {
                sql(db, "SELECT pg_stat_statements_reset()");
            }
            double pgCpuBefore = pg.cpuSeconds();
            long jvmCpuBefore = jvmCpuNanos();
            double endpointCpuBefore = endpoint.cpuSeconds();
            long walBefore = walPosition(db);
            long start = System.nanoTime();
            db.commit();
            db.setAutoCommit(true);
            double dispatched = awaitActive(db, warmup + services, start);
            double seconds = (System.nanoTime() - start) / 1e9;
            double pgCpu = pg.cpuSeconds() - pgCpuBefore;
            long wal = walPosition(db) - walBefore;
            double endpointCpu = endpoint.cpuSeconds() - endpointCpuBefore;
            double billingCpu = (jvmCpuNanos() - jvmCpuBefore) / 1e9 - (endpoint.inThisJvm() ? endpointCpu : 0);
            long requests = endpoint.requests();
            List<String> problems = check(db, requests, warmup + services);
            System.out.printf(
                    "%d tasks from event to SUCCESS (service ACTIVE) in %.2f s; HTTP requests received: %d%n",
                    services, seconds, requests - warmup);
            System.out.printf("every event dispatched into its task after %.2f s%n", dispatched);
            // CPU, not wall time, is what two cores run out of; per task it holds up under other load
            System.out.printf(
                    "CPU per task: billing %.3f ms, PostgreSQL %.3f ms, the no-op endpoint %.3f ms;"
                            + " %.0f%% of %d cores busy%n",
                    1000 * billingCpu / services,
                    1000 * pgCpu / services,
                    1000 * endpointCpu / services,
                    100 * (billingCpu + pgCpu + endpointCpu) / (seconds * cores()),
                    cores());
            System.out.printf("WAL per task: %d bytes%n", wal / services);
            problems.forEach(p -> System.out.println("PROBLEM: " + p));
            if (profile) {
                printStatements(db);
            }
            System.out.printf("tasks per second: %.0f%n", services / seconds);
            return problems.isEmpty();
        }
    }

    private static void catalog(Connection db, int port) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("""
                    INSERT INTO service (name, category, currency, period, charge_mode, orderable, created_at, updated_at)
                    VALUES ('VPN', 'vpn', 'RUB', 'P1M', 'PERIOD', true, now(), now())""");
            sql.execute("""
                    INSERT INTO template (name, body, created_at, updated_at)
                    VALUES ('vpn-create', 'POST /vpn/{{ us.id }}
                    Content-Type: application/json

                    {"user": "{{ user.contract }}", "service": {{ us.id }}}', now(), now())""");
            sql.execute("INSERT INTO server (name, transport, host, port, created_at, updated_at) VALUES"
                    + " ('vpn-1', 'HTTP', '127.0.0.1', " + port + ", now(), now())");
            sql.execute("""
                    INSERT INTO event_binding (event, category_pattern, template_id, server_id, max_attempts,
                                               backoff_seconds, timeout_seconds, created_at)
                    SELECT 'CREATE', 'vpn', t.id, s.id, 3, 1, 10, now() FROM template t, server s""");
        }
    }

    /**
     * {@code count} accounts (contracts starting with {@code prefix}), each with one service in
     * PROGRESS and its CREATE event in the outbox, in one commit.
     */
    /** Queues {@code count} services and commits: the commit is where their events begin. */
    private static void queue(Connection db, String prefix, int count) throws SQLException {
        prepare(db, prefix, count);
        db.commit();
        db.setAutoCommit(true);
    }

    /**
     * Creates {@code count} accounts, each with a service in PROGRESS and its CREATE event in the
     * outbox, in a transaction left open: nothing of it is visible to the spool before the commit.
     */
    private static void prepare(Connection db, String prefix, int count) throws SQLException {
        db.setAutoCommit(false);
        String mine = "a.contract LIKE '" + prefix + "%'";
        try (Statement sql = db.createStatement()) {
            sql.execute("""
                    INSERT INTO account (contract, name, currency, balance, created_at, updated_at)
                    SELECT '%s' || lpad(g::text, 7, '0'), 'Subscriber ' || g, 'RUB', 0, now(), now()
                    FROM generate_series(1, %d) g""".formatted(prefix, count));
            sql.execute("""
                    INSERT INTO user_service (account_id, service_id, status, created_at, updated_at)
                    SELECT a.id, (SELECT id FROM service), 'PROGRESS', now(), now() FROM account a
                    WHERE %s ORDER BY a.id""".formatted(mine));
            sql.execute("""
                    INSERT INTO user_service_event (user_service_id, account_id, event, status_from, status_to, actor,
                                                    created_at, dispatch)
                    SELECT us.id, us.account_id, 'CREATE', 'INIT', 'PROGRESS', 'bench', now(), 'PENDING'
                    FROM user_service us JOIN account a ON a.id = us.account_id WHERE %s ORDER BY us.id""".formatted(mine));
            sql.execute("""
                    UPDATE user_service us SET provisioning_event_id = e.id FROM user_service_event e, account a
                    WHERE e.user_service_id = us.id AND a.id = us.account_id AND %s""".formatted(mine));
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** PostgreSQL's current WAL insert position in bytes. */
    private static long walPosition(Connection db) throws SQLException {
        return count(db, "SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Waits until {@code total} services are ACTIVE (ten minutes at most); answers when the outbox emptied. */
    private static double awaitActive(Connection db, long total, long start) throws Exception {
        double dispatched = 0;
        long active;
        do {
            Thread.sleep(100);
            active = count(db, "SELECT count(*) FROM user_service WHERE status = 'ACTIVE'");
            if (dispatched == 0
                    && count(db, "SELECT count(*) FROM user_service_event WHERE dispatch = 'PENDING'") == 0) {
                dispatched = (System.nanoTime() - start) / 1e9;
            }
        } while (active < total && System.nanoTime() - start < 600_000_000_000L);
        return dispatched;
    }

    private static List<String> check(Connection db, long requests, int services) throws SQLException {
        List<String> problems = new ArrayList<>();
        long active = count(db, "SELECT count(*) FROM user_service WHERE status = 'ACTIVE'");
        long succeeded = count(db, "SELECT count(*) FROM spool_task WHERE status = 'SUCCESS'");
        long tasks = count(db, "SELECT count(*) FROM spool_task");
        long attempts = count(db, "SELECT count(*) FROM spool_attempt");
        if (active != services) {
            problems.add(active + " of " + services + " services ACTIVE");
        }
        if (succeeded != services || tasks != services) {
            problems.add(tasks + " tasks, " + succeeded + " SUCCESS; expected " + services + " of each");
        }
        if (attempts != services || requests != services) {
            problems.add(attempts + " attempts and " + requests + " requests; expected one each per service");
        }
        return problems;
    }

    /** The statements that took the database's time, most first (with --profile). */
    private static void printStatements(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT round(total_exec_time) AS ms, calls, rows, wal_bytes,"
                        + " left(regexp_replace(query, '\\s+', ' ', 'g'), 130) FROM pg_stat_statements"
                        + " ORDER BY total_exec_time DESC LIMIT 25")) {
            System.out.println("database time by statement (ms, calls, rows, WAL bytes, statement):");
            while (r.next()) {
                System.out.printf(
                        "  %8d %8d %8d %10d  %s%n",
                        r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getString(5));
            }
        }
    }

    private static void sql(Connection db, String statement) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(statement);
        }
    }

    private static long count(Connection db, String query) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
