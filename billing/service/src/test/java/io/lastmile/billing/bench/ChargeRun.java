package io.lastmile.billing.bench;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.lastmile.billing.api.LedgerCheck;
import io.lastmile.billing.clock.MutableClock;
import io.lastmile.billing.ledger.Ledger;
import io.lastmile.billing.subscription.BillingClock;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The charge-run benchmark ({@code bench/charge-run}): an embedded PostgreSQL and the billing app
 * in this JVM, a data set of N accounts whose services are all due on one day, one run of the
 * billing clock, timed, checked, and compared with COPY of the same ledger rows. Prints its
 * figures and ends with {@code charges per second: N (R of COPY)}; exits 1 if the run did not
 * charge what it had to.
 *
 * <p>Arguments: {@code --work DIR} (required: PostgreSQL's data and scratch files go there),
 * {@code --accounts N} (default 100000), {@code --profile} (JFR and pg_stat_statements).
 */
public final class ChargeRun {

    private final Path work;
    private final int accounts;
    private final boolean profile;

    private ChargeRun(Path work, int accounts, boolean profile) {
        this.work = work;
        this.accounts = accounts;
        this.profile = profile;
    }

    /** What one run of the billing clock did, and what it cost. */
    private record ClockRun(
            int processed,
            double seconds,
            double jvmCpu,
            double pgCpu,
            long[] statsBefore,
            LedgerCheck check,
            ClockProfile recording) {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        quietLogging();
        Path work = null;
        int accounts = 100_000;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--accounts" -> accounts = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (work == null || accounts < 1) {
            throw new IllegalArgumentException("usage: ChargeRun --work DIR [--accounts N] [--profile]");
        }
        boolean ok = new ChargeRun(work, accounts, profile).run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        long benchStart = System.nanoTime();
        try (BenchPostgres pg = BenchPostgres.start(work.resolve("pg"), work.resolve("postgres.log"), profile)) {
            String url = pg.createDatabase("billing");
            try (var app = BenchApplication.start(url);
                    Connection db = pg.connect("billing")) {
                db.setAutoCommit(true);
                var data = generate(db);
                ClockRun clock = runClock(app, pg, db);
                // the app's connections report their statistics when they close
                app.close();
                long charges = count(
                        db, "SELECT count(*) FROM ledger_entry WHERE kind = 'CHARGE' AND actor = 'billing-clock'");
                List<String> problems = check(db, data, clock, charges);
                double chargesPerSecond = charges / clock.seconds();
                printClock(db, clock, charges, problems);
                if (clock.recording() != null) {
                    ClockProfile.printDatabase(db, clock.processed());
                    clock.recording().printJvm();
                }

                var copy = CopyBaseline.run(db, work.resolve("charges.copy"));
                System.out.printf(
                        "COPY baseline: the same %d ledger rows (%.1f MB of COPY text) into a copy of ledger_entry"
                                + " with its indexes, checks and foreign keys, one transaction: %.2f s, %.0f rows/s%n",
                        copy.rows(), copy.bytes() / 1e6, copy.seconds(), copy.rowsPerSecond());
                System.out.println(environment(db));
                System.out.printf("whole benchmark: %.0f s%n", seconds(benchStart));
                System.out.printf(
                        "charges per second: %.0f (%.2f of COPY)%n",
                        chargesPerSecond, chargesPerSecond / copy.rowsPerSecond());
                return problems.isEmpty();
            }
        }
    }

    private ChargeRunData.Counts generate(Connection db) throws Exception {
        System.out.printf(
                "charge run: %d accounts, monthly tariffs, every service due on %s (%s)%n",
                accounts, LocalDate.of(2027, 3, 1), ChargeRunData.ZONE);
        long t = System.nanoTime();
        var counts = ChargeRunData.generate(db, accounts);
        CopyBaseline.prepare(db);
        sql(db, "VACUUM ANALYZE");
        sql(db, "CHECKPOINT");
        System.out.printf(
                "data set: %d accounts, %d ACTIVE services (%.2f per account), %d ledger entries,"
                        + " %d events; generated in %.1f s (not timed)%n",
                counts.accounts(),
                counts.services(),
                counts.services() / (double) counts.accounts(),
                counts.ledgerEntries(),
                counts.events(),
                seconds(t));
        return counts;
    }

    /** Sets the app's clock to the end of the due day and times one run of the billing clock. */
    private ClockRun runClock(ConfigurableApplicationContext app, BenchPostgres pg, Connection db) throws Exception {
        if (profile) {
            ClockProfile.prepare(db);
        }
        app.getBean(MutableClock.class).set(ChargeRunData.CLOCK_AT);
        BillingClock clock = app.getBean(BillingClock.class);
        // the pool's connections (Flyway, start-up) report their statistics as they close
        app.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        Thread.sleep(500);
        long[] before = databaseStats(db);
        double pgCpuBefore = pg.cpuSeconds();
        long jvmCpuBefore = jvmCpuNanos();
        ClockProfile recording = profile ? ClockProfile.start(work.resolve("clock.jfr")) : null;
        int processed;
        long start = System.nanoTime();
        try {
            processed = clock.runDue(ChargeRunData.CLOCK_AT);
        } finally {
            if (recording != null) {
                recording.close();
            }
        }
        double seconds = seconds(start);
        double jvmCpu = (jvmCpuNanos() - jvmCpuBefore) / 1e9;
        double pgCpu = pg.cpuSeconds() - pgCpuBefore;
        LedgerCheck check = app.getBean(Ledger.class).check();
        return new ClockRun(processed, seconds, jvmCpu, pgCpu, before, check, recording);
    }

    /** What went wrong, if anything: every account processed, every service charged once and renewed. */
    private List<String> check(Connection db, ChargeRunData.Counts data, ClockRun clock, long charges)
            throws Exception {
        long renewed = count(
                db,
                "SELECT count(*) FROM user_service WHERE period_no = 2 AND status = 'ACTIVE' AND due_at > '"
                        + ChargeRunData.CLOCK_AT + "'");
        List<String> problems = new ArrayList<>();
        if (clock.processed() != accounts) {
            problems.add("processed " + clock.processed() + " of " + accounts + " accounts");
        }
        if (charges != data.services()) {
            problems.add("booked " + charges + " charges for " + data.services() + " services");
        }
        if (renewed != data.services()) {
            problems.add(renewed + " of " + data.services() + " services moved to their next period");
        }
        if (!clock.check().mismatches().isEmpty()) {
            problems.add(clock.check().mismatches().size() + " accounts whose balance is not the sum of their entries");
        }
        return problems;
    }

    private static void printClock(Connection db, ClockRun clock, long charges, List<String> problems)
            throws Exception {
        long[] after = databaseStats(db);
        long[] before = clock.statsBefore();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                "billing clock: one run, %d accounts processed, %d charges booked in %.2f s end to end"
                        + " (%.3f ms per account)%n",
                clock.processed(), charges, clock.seconds(), clock.seconds() * 1000 / clock.processed());
        System.out.printf(
                "  database: %d transactions committed, %d rows inserted, %d updated;"
                        + " CPU: billing JVM %.1f s, PostgreSQL %.1f s (%.0f%% of %d cores over the run)%n",
                after[0] - before[0],
                after[1] - before[1],
                after[2] - before[2],
                clock.jvmCpu(),
                clock.pgCpu(),
                100 * (clock.jvmCpu() + clock.pgCpu()) / (clock.seconds() * cores),
                cores);
        System.out.printf(
                "  check: %s%n",
                problems.isEmpty()
                        ? "every service charged once and moved to its next period; ledger check of "
                                + clock.check().accountsChecked() + " accounts: balances equal the sums of entries"
                        : "FAILED: " + String.join("; ", problems));
        System.out.printf("  rate: %.0f charges/s%n", charges / clock.seconds());
    }

    /** Commits, rows inserted, rows updated in this database so far. */
    private static long[] databaseStats(Connection db) throws Exception {
        sql(db, "SELECT pg_stat_force_next_flush()");
        // statistics reach pg_stat_database when the backend's transaction ends; read a fresh snapshot
        sql(db, "SELECT pg_stat_clear_snapshot()");
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT xact_commit, tup_inserted, tup_updated FROM pg_stat_database WHERE datname = current_database()")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }

    private static String environment(Connection db) throws Exception {
        String flags = String.join(
                " ",
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X"))
                        .toList());
        String pgVersion;
        String settings;
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("""
                        SELECT current_setting('server_version'), current_setting('shared_buffers'),
                               current_setting('fsync'), current_setting('synchronous_commit')
                        """)) {
            r.next();
            pgVersion = r.getString(1);
            settings = "shared_buffers " + r.getString(2) + ", fsync " + r.getString(3) + ", synchronous_commit "
                    + r.getString(4);
        }
        return "environment: Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ") " + flags
                + "; PostgreSQL " + pgVersion + " (embedded, zonky) with " + settings + "; "
                + Runtime.getRuntime().availableProcessors() + " CPU cores shared by both, on one machine";
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long count(Connection db, String query) throws Exception {
        try (Statement s = db.createStatement()) {
            return ChargeRunData.count(s, query);
        }
    }

    private static void sql(Connection db, String statement) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(statement);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Spring sets the levels once it starts; until then logback would print zonky's debug lines. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
