package io.lastmile.billing.provisioning.periodic;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.sql.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues periodic jobs into the spool when their slot comes. Moving {@code next_run_at} on and
 * adding the task happen in one transaction with the row locked, so each slot is queued once
 * however many billing instances look.
 */
@Component
public class PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);
    static final int ATTEMPTS = 3;
    static final int BACKOFF_SECONDS = 30;

    private final Map<String, PeriodicJob> jobs;
    private final Jdbc jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PeriodicJobs(List<PeriodicJob> jobs, DSLContext db, PlatformTransactionManager transactions, Clock clock) {
        this.jobs = jobs.stream().collect(Collectors.toMap(PeriodicJob::name, Function.identity()));
        this.jdbc = new Jdbc(db);
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Adds the rows of jobs that have none yet; an operator's change of a row's cron is kept. */
    public void register() {
        Instant now = clock.instant();
        transaction.executeWithoutResult(tx -> jobs.values()
                .forEach(job -> jdbc.update(
                        "INSERT INTO periodic_job (name, cron, next_run_at, timeout_seconds) VALUES (?, ?,"
                                + " ?::timestamptz, ?) ON CONFLICT (name) DO NOTHING",
                        p -> p.value(job.name())
                                .value(job.cron())
                                .instant(next(job.cron(), now))
                                .value((int) job.timeout().toSeconds()))));
    }

    /** Queues every job whose slot has come; answers how many were queued. */
    public int queueDue() {
        Instant now = clock.instant();
        Integer queued = transaction.execute(tx -> {
            record Due(String name, String cron, int timeout, boolean previousOpen) {}
            List<Due> due = jdbc.query(
                    "SELECT j.name, j.cron, j.timeout_seconds, t.status IS NOT NULL AND t.status NOT IN ('SUCCESS',"
                            + " 'DEAD', 'SKIPPED', 'CANCELLED') FROM periodic_job j LEFT JOIN spool_task t ON t.id ="
                            + " j.last_task_id WHERE j.enabled AND j.next_run_at <= ?::timestamptz"
                            + " FOR UPDATE OF j SKIP LOCKED",
                    p -> p.instant(now),
                    r -> new Due(r.getString(1), r.getString(2), r.getInt(3), r.getBoolean(4)));
            int n = 0;
            for (Due d : due) {
                Long task = null;
                if (!d.previousOpen() && jobs.containsKey(d.name())) {
                    task = jdbc.query(
                                    "INSERT INTO spool_task (kind, job, event, status, max_attempts, policy_attempts,"
                                            + " backoff_seconds, timeout_seconds, run_after, created_at, updated_at)"
                                            + " VALUES ('PERIODIC', ?, ?, 'NEW', ?, ?, ?, ?, ?::timestamptz,"
                                            + " ?::timestamptz, ?::timestamptz) RETURNING id",
                                    p -> p.value(d.name())
                                            .value("JOB " + d.name())
                                            .value(ATTEMPTS)
                                            .value(ATTEMPTS)
                                            .value(BACKOFF_SECONDS)
                                            .value(d.timeout())
                                            .instant(now)
                                            .instant(now)
                                            .instant(now),
                                    r -> r.getLong(1))
                            .getFirst();
                    n++;
                }
                Long queuedTask = task;
                jdbc.update(
                        "UPDATE periodic_job SET next_run_at = ?::timestamptz, last_task_id = coalesce(?, last_task_id)"
                                + " WHERE name = ?",
                        p -> p.instant(next(d.cron(), now)).value(queuedTask).value(d.name()));
            }
            return n;
        });
        return queued == null ? 0 : queued;
    }

    /** Runs job {@code name} once: its exception becomes a retry, its log lines the task's output. */
    public AttemptOutcome run(String name, OutputSink out) {
        PeriodicJob job = jobs.get(name);
        if (job == null) {
            return AttemptOutcome.fail(null, "no periodic job named '" + name + "' in this billing");
        }
        try {
            job.run(out);
            return AttemptOutcome.success(0, name + " done");
        } catch (RuntimeException e) {
            log.warn("periodic job {} failed", name, e);
            out.line(OutputSink.Stream.STDERR, e.getClass().getSimpleName() + ": " + e.getMessage());
            return AttemptOutcome.retry(null, name + " failed: " + e.getMessage());
        }
    }

    static Instant next(String cron, Instant after) {
        return CronExpression.parse(cron).next(after.atZone(ZoneOffset.UTC)).toInstant();
    }
}
