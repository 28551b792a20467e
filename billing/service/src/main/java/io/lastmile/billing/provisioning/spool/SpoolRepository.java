package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.sql.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The spool's tables: tasks taken with SKIP LOCKED, attempts, and every line of their output. */
@Repository
class SpoolRepository {

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
     * Takes up to {@code limit} of the most urgent ready tasks no one else holds, marks them RUNNING
     * for their timeout plus {@code grace}, and opens their attempts: two statements however many.
     * Call inside a transaction.
     */
    List<Taken> take(Instant now, int limit, Duration grace) {
        List<SpoolTask> tasks = jdbc.query(
                "UPDATE spool_task t SET status = 'RUNNING', attempts = t.attempts + 1, updated_at = ?::timestamptz,"
                        + " locked_until = ?::timestamptz + make_interval(secs => t.timeout_seconds + ?)"
                        + " WHERE t.id IN (SELECT id FROM spool_task WHERE status IN ('NEW', 'FAILED')"
                        + " AND run_after <= ?::timestamptz ORDER BY priority DESC, run_after, id LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, kind, user_service_id, account_id, event, binding_id, server_id, attempts,"
                        + " max_attempts, backoff_seconds, timeout_seconds",
                p -> p.instant(now)
                        .instant(now)
                        .value(grace.toSeconds())
                        .instant(now)
                        .value(limit),
                SpoolRepository::task);
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> attempts = new HashMap<>();
        jdbc.query(
                "INSERT INTO spool_attempt (task_id, number, started_at) SELECT t, n, ?::timestamptz"
                        + " FROM unnest(?::bigint[], ?::int[]) AS a(t, n) RETURNING task_id, id",
                p -> p.instant(now)
                        .bigints(tasks.stream().map(SpoolTask::id).toList())
                        .array("int4", tasks.stream().map(SpoolTask::attempt).toArray()),
                r -> attempts.put(r.getLong(1), r.getLong(2)));
        return tasks.stream().map(t -> new Taken(t, attempts.get(t.id()))).toList();
    }

    /** Lines of an attempt's output, in one statement. */
    void lines(long attemptId, List<AttemptOutput.Line> lines) {
        lines(lines.stream().map(l -> new AttemptLine(attemptId, l)).toList());
    }

    /** Lines of any number of attempts, in one statement. */
    void lines(List<AttemptLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.update(
                "INSERT INTO spool_output (attempt_id, line_no, stream, text, at) SELECT i, n, s, t, a::timestamptz"
                        + " FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::text[]) AS l(i, n, s, t, a)",
                p -> p.bigints(lines.stream().map(AttemptLine::attemptId).toList())
                        .array(
                                "int4",
                                lines.stream().map(l -> l.line().lineNo()).toArray())
                        .array(
                                "text",
                                lines.stream()
                                        .map(l -> l.line().stream().name())
                                        .toArray())
                        .array("text", lines.stream().map(l -> l.line().text()).toArray())
                        .array(
                                "text",
                                lines.stream()
                                        .map(l -> Jdbc.text(l.line().at()))
                                        .toArray()));
    }

    /** A line and the attempt it belongs to. */
    record AttemptLine(long attemptId, AttemptOutput.Line line) {}

    /**
     * Makes the current transaction's commit asynchronous: a take lost in a crash of PostgreSQL is
     * the same as a worker that died mid-attempt (the task runs again), and it spares a disk flush.
     */
    void commitWithoutWaiting() {
        jdbc.update("SET LOCAL synchronous_commit TO OFF", p -> {});
    }

    /**
     * Closes the attempts and moves their tasks on, two statements for the lot; answers the new status
     * of each task that was still its attempt's. A task given up as abandoned and taken again is
     * missing from the answer, and nothing of it changes.
     */
    Map<Long, String> finish(List<Ending> endings, Instant now) {
        if (endings.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> moved = new HashMap<>();
        jdbc.query(
                "UPDATE spool_task t SET status = d.status, updated_at = ?::timestamptz, locked_until = NULL,"
                        + " last_message = d.message, run_after = CASE WHEN d.status = 'FAILED'"
                        + " THEN d.retry_at::timestamptz ELSE t.run_after END,"
                        + " finished_at = CASE WHEN d.status IN ('SUCCESS', 'DEAD') THEN ?::timestamptz END,"
                        // an attempt that found its server busy did not run: it gives the attempt back
                        + " max_attempts = t.max_attempts + CASE WHEN d.busy THEN 1 ELSE 0 END"
                        + " FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::text[], ?::bool[])"
                        + " AS d(id, attempt, status, message, retry_at, busy)"
                        // the ids twice: as an index condition, for the planner cannot see how short unnest is
                        + " WHERE t.id = ANY(?) AND t.id = d.id AND t.status = 'RUNNING' AND t.attempts = d.attempt"
                        + " RETURNING t.id, t.status",
                p -> p.instant(now)
                        .instant(now)
                        .bigints(endings.stream().map(e -> e.task().id()).toList())
                        .array(
                                "int4",
                                endings.stream().map(e -> e.task().attempt()).toArray())
                        .array("text", endings.stream().map(Ending::status).toArray())
                        .array(
                                "text",
                                endings.stream().map(e -> e.outcome().message()).toArray())
                        .array(
                                "text",
                                endings.stream()
                                        .map(e -> Jdbc.text(now.plus(e.retryIn())))
                                        .toArray())
                        .array(
                                "bool",
                                endings.stream()
                                        .map(e -> e.outcome().kind() == AttemptOutcome.Kind.BUSY)
                                        .toArray())
                        .bigints(endings.stream().map(e -> e.task().id()).toList()),
                r -> moved.put(r.getLong(1), r.getString(2)));
        List<Ending> closed =
                endings.stream().filter(e -> moved.containsKey(e.task().id())).toList();
        if (!closed.isEmpty()) {
            jdbc.update(
                    "UPDATE spool_attempt a SET ended_at = ?::timestamptz, outcome = d.outcome, exit_status = d.exit,"
                            + " message = d.message FROM unnest(?::bigint[], ?::text[], ?::int[], ?::text[])"
                            + " AS d(id, outcome, exit, message) WHERE a.id = ANY(?) AND a.id = d.id",
                    p -> p.instant(now)
                            .bigints(closed.stream().map(Ending::attemptId).toList())
                            .array(
                                    "text",
                                    closed.stream()
                                            .map(e -> e.outcome().kind().name())
                                            .toArray())
                            .array(
                                    "int4",
                                    closed.stream()
                                            .map(e -> e.outcome().exitStatus())
                                            .toArray())
                            .array(
                                    "text",
                                    closed.stream()
                                            .map(e -> e.outcome().message())
                                            .toArray())
                            .bigints(closed.stream().map(Ending::attemptId).toList()));
        }
        return moved;
    }

    /**
     * How an attempt ended, and what its task becomes: SUCCESS, FAILED (retried after {@code retryIn},
     * also when its server was busy) or DEAD.
     */
    record Ending(SpoolTask task, long attemptId, AttemptOutcome outcome, Duration retryIn) {
        String status() {
            return switch (outcome.kind()) {
                case SUCCESS -> "SUCCESS";
                case RETRY -> task.attempt() < task.maxAttempts() ? "FAILED" : "DEAD";
                case FAIL -> "DEAD";
                case BUSY -> "FAILED";
            };
        }
    }

    /** RUNNING tasks whose holder did not finish in time (a crash, a kill), at most {@code limit}. */
    List<SpoolTask> stale(Instant now, int limit) {
        return jdbc.query(
                "SELECT id, kind, user_service_id, account_id, event, binding_id, server_id, attempts,"
                        + " max_attempts, backoff_seconds, timeout_seconds FROM spool_task WHERE status = 'RUNNING'"
                        + " AND locked_until < ?::timestamptz ORDER BY id LIMIT ?",
                p -> p.instant(now).value(limit),
                SpoolRepository::task);
    }

    /**
     * Gives up these stale tasks if they still are: each is retried, or DEAD if it had no attempts
     * left, and its open attempt is closed as interrupted. Tasks first, then attempts, the order
     * {@link #finish} keeps. Answers the new status of each task given up.
     */
    Map<Long, String> abandon(List<SpoolTask> stale, Instant now) {
        Map<Long, String> moved = new HashMap<>();
        jdbc.query(
                "UPDATE spool_task SET status = CASE WHEN attempts >= max_attempts THEN 'DEAD' ELSE 'FAILED' END,"
                        + " locked_until = NULL, run_after = ?::timestamptz, updated_at = ?::timestamptz,"
                        + " last_message = 'interrupted: the worker stopped during attempt ' || attempts,"
                        + " finished_at = CASE WHEN attempts >= max_attempts THEN ?::timestamptz END"
                        + " WHERE id = ANY(?) AND status = 'RUNNING' AND locked_until < ?::timestamptz"
                        + " RETURNING id, status",
                p -> p.instant(now)
                        .instant(now)
                        .instant(now)
                        .bigints(stale.stream().map(SpoolTask::id).toList())
                        .instant(now),
                r -> moved.put(r.getLong(1), r.getString(2)));
        if (!moved.isEmpty()) {
            jdbc.update(
                    "UPDATE spool_attempt a SET ended_at = ?::timestamptz, outcome = 'RETRY',"
                            + " message = 'interrupted: the worker stopped during the attempt' FROM spool_task t"
                            + " WHERE t.id = ANY(?) AND a.task_id = t.id AND a.number = t.attempts AND a.ended_at IS NULL",
                    p -> p.instant(now).bigints(moved.keySet()));
        }
        return moved;
    }

    private static SpoolTask task(java.sql.ResultSet r) throws java.sql.SQLException {
        return new SpoolTask(
                r.getLong(1),
                r.getString(2),
                r.getObject(3, Long.class),
                r.getObject(4, Long.class),
                r.getString(5),
                r.getObject(6, Long.class),
                r.getObject(7, Long.class),
                r.getInt(8),
                r.getInt(9),
                r.getInt(10),
                r.getInt(11));
    }

    /** A task taken by this worker and its open attempt. */
    record Taken(SpoolTask task, long attemptId) {}
}
