package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.sql.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The spool's tables: tasks taken with SKIP LOCKED, attempts, and every line of their output. */
@Repository
class SpoolRepository {

    /** Extra time a RUNNING task is held past its command's timeout before it counts as abandoned. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private final Jdbc jdbc;

    SpoolRepository(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    /** Adds a task that is ready at {@code runAfter}; answers its id. */
    long add(NewTask task, Instant now) {
        return jdbc.query(
                        "INSERT INTO spool_task (kind, user_service_id, event_id, event, binding_id, server_id, status,"
                                + " priority, max_attempts, backoff_seconds, timeout_seconds, run_after, created_at,"
                                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz,"
                                + " ?::timestamptz, ?::timestamptz) RETURNING id",
                        p -> p.value(task.kind())
                                .value(task.userServiceId())
                                .value(task.eventId())
                                .value(task.event())
                                .value(task.bindingId())
                                .value(task.serverId())
                                .value(task.waiting() ? "WAITING" : "NEW")
                                .value(task.priority())
                                .value(task.maxAttempts())
                                .value(task.backoffSeconds())
                                .value(task.timeoutSeconds())
                                .instant(now)
                                .instant(now)
                                .instant(now),
                        r -> r.getLong(1))
                .getFirst();
    }

    /**
     * Takes the most urgent ready task no one else holds, marks it RUNNING for its timeout plus
     * {@link #GRACE}, and opens its attempt. Call inside a transaction.
     */
    Optional<Taken> take(Instant now) {
        List<SpoolTask> tasks = jdbc.query(
                "UPDATE spool_task t SET status = 'RUNNING', attempts = t.attempts + 1, updated_at = ?::timestamptz,"
                        + " locked_until = ?::timestamptz + make_interval(secs => t.timeout_seconds + ?)"
                        + " WHERE t.id = (SELECT id FROM spool_task WHERE status IN ('NEW', 'FAILED')"
                        + " AND run_after <= ?::timestamptz ORDER BY priority DESC, run_after, id LIMIT 1"
                        + " FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, kind, user_service_id, event, binding_id, server_id, attempts, max_attempts,"
                        + " backoff_seconds, timeout_seconds",
                p -> p.instant(now).instant(now).value(GRACE.toSeconds()).instant(now),
                r -> new SpoolTask(
                        r.getLong(1),
                        r.getString(2),
                        r.getObject(3, Long.class),
                        r.getString(4),
                        r.getObject(5, Long.class),
                        r.getObject(6, Long.class),
                        r.getInt(7),
                        r.getInt(8),
                        r.getInt(9),
                        r.getInt(10)));
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        SpoolTask task = tasks.getFirst();
        long attemptId = jdbc.query(
                        "INSERT INTO spool_attempt (task_id, number, started_at) VALUES (?, ?, ?::timestamptz)"
                                + " RETURNING id",
                        p -> p.value(task.id()).value(task.attempt()).instant(now),
                        r -> r.getLong(1))
                .getFirst();
        return Optional.of(new Taken(task, attemptId));
    }

    /** Lines of an attempt's output, in one statement. */
    void lines(long attemptId, List<AttemptOutput.Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.update(
                "INSERT INTO spool_output (attempt_id, line_no, stream, text, at) SELECT ?, n, s, t, a::timestamptz"
                        + " FROM unnest(?::int[], ?::text[], ?::text[], ?::text[]) AS l(n, s, t, a)",
                p -> p.value(attemptId)
                        .array(
                                "int4",
                                lines.stream().map(AttemptOutput.Line::lineNo).toArray())
                        .array(
                                "text",
                                lines.stream().map(l -> l.stream().name()).toArray())
                        .array(
                                "text",
                                lines.stream().map(AttemptOutput.Line::text).toArray())
                        .array(
                                "text",
                                lines.stream().map(l -> Jdbc.text(l.at())).toArray()));
    }

    /**
     * Makes the current transaction's commit asynchronous: a take lost in a crash of PostgreSQL is
     * the same as a worker that died mid-attempt (the task runs again), and it spares a disk flush.
     */
    void commitWithoutWaiting() {
        jdbc.update("SET LOCAL synchronous_commit TO OFF", p -> {});
    }

    /**
     * Closes the attempt and moves its task on; answers the task's new status, or empty if the task
     * is no longer this attempt's (it was given up as abandoned and taken again): then nothing changes.
     */
    Optional<String> finish(Taken taken, AttemptOutcome outcome, Instant now, Duration retryIn) {
        SpoolTask task = taken.task();
        String status =
                switch (outcome.kind()) {
                    case SUCCESS -> "SUCCESS";
                    case RETRY -> task.attempt() < task.maxAttempts() ? "FAILED" : "DEAD";
                    case FAIL -> "DEAD";
                };
        int moved = jdbc.update(
                "UPDATE spool_task SET status = ?, updated_at = ?::timestamptz, locked_until = NULL,"
                        + " last_message = ?, run_after = CASE WHEN ? = 'FAILED' THEN ?::timestamptz ELSE run_after END,"
                        + " finished_at = CASE WHEN ? IN ('SUCCESS', 'DEAD') THEN ?::timestamptz END"
                        + " WHERE id = ? AND status = 'RUNNING' AND attempts = ?",
                p -> p.value(status)
                        .instant(now)
                        .value(outcome.message())
                        .value(status)
                        .instant(now.plus(retryIn))
                        .value(status)
                        .instant(now)
                        .value(task.id())
                        .value(task.attempt()));
        if (moved == 0) {
            return Optional.empty();
        }
        jdbc.update(
                "UPDATE spool_attempt SET ended_at = ?::timestamptz, outcome = ?, exit_status = ?, message = ?"
                        + " WHERE id = ?",
                p -> p.instant(now)
                        .value(outcome.kind().name())
                        .value(outcome.exitStatus())
                        .value(outcome.message())
                        .value(taken.attemptId()));
        return Optional.of(status);
    }

    /**
     * Gives up RUNNING tasks whose holder did not finish in time (a crash, a kill): their open
     * attempt is closed as interrupted, and the task is retried, or DEAD if it had no attempts left.
     */
    int abandon(Instant now) {
        jdbc.update(
                "UPDATE spool_attempt a SET ended_at = ?::timestamptz, outcome = 'RETRY',"
                        + " message = 'interrupted: the worker stopped during the attempt' FROM spool_task t"
                        + " WHERE a.task_id = t.id AND a.number = t.attempts AND a.ended_at IS NULL"
                        + " AND t.status = 'RUNNING' AND t.locked_until < ?::timestamptz",
                p -> p.instant(now).instant(now));
        return jdbc.update(
                "UPDATE spool_task SET status = CASE WHEN attempts >= max_attempts THEN 'DEAD' ELSE 'FAILED' END,"
                        + " locked_until = NULL, run_after = ?::timestamptz, updated_at = ?::timestamptz,"
                        + " last_message = 'interrupted: the worker stopped during attempt ' || attempts,"
                        + " finished_at = CASE WHEN attempts >= max_attempts THEN ?::timestamptz END"
                        + " WHERE status = 'RUNNING' AND locked_until < ?::timestamptz",
                p -> p.instant(now).instant(now).instant(now).instant(now));
    }

    /** A task taken by this worker and its open attempt. */
    record Taken(SpoolTask task, long attemptId) {}
}
