package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.sql.Jdbc;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Status changes of tasks other than a worker's attempt: the join's view of an event, an
 * operator's retry, skip, cancel and pause, and the release of tasks that waited for others.
 * Every method belongs in the caller's transaction, after the account's lock where a service is
 * concerned.
 */
@Component
public class TaskControl {

    /** Statuses a task does not leave by itself. */
    static final String SETTLED = "('SUCCESS', 'SKIPPED', 'CANCELLED')";

    private final Jdbc jdbc;
    private final Clock clock;

    TaskControl(DSLContext db, Clock clock) {
        this.jdbc = new Jdbc(db);
        this.clock = clock;
    }

    /** How the tasks of one service event stand: counts of failed and of still open ones. */
    public record EventTasks(boolean dispatched, int failed, int open) {}

    public EventTasks ofEvent(long eventId) {
        return ofEvents(List.of(eventId)).getOrDefault(eventId, new EventTasks(true, 0, 0));
    }

    /** {@link #ofEvent} of many events in one statement; an event that does not exist is missing. */
    public Map<Long, EventTasks> ofEvents(Collection<Long> eventIds) {
        Map<Long, EventTasks> tasks = new HashMap<>();
        if (eventIds.isEmpty()) {
            return tasks;
        }
        jdbc.query(
                // per event through the event_id index: a join would let the planner read the whole table
                "SELECT e.id, e.dispatch IS DISTINCT FROM 'PENDING', c.failed, c.open FROM user_service_event e,"
                        + " LATERAL (SELECT count(*) FILTER (WHERE t.status IN ('DEAD', 'CANCELLED')) AS failed,"
                        + " count(*) FILTER (WHERE t.status NOT IN ('SUCCESS', 'SKIPPED', 'DEAD', 'CANCELLED')) AS open"
                        + " FROM spool_task t WHERE t.event_id = e.id) c WHERE e.id = ANY(?)",
                p -> p.bigints(eventIds),
                r -> tasks.put(r.getLong(1), new EventTasks(r.getBoolean(2), r.getInt(3), r.getInt(4))));
        return tasks;
    }

    /** Queues the event's DEAD and CANCELLED tasks again, each with its command's budget of attempts. */
    public int retryFailed(long eventId, String actor) {
        List<Long> ids = jdbc.query(
                "UPDATE spool_task SET status = 'NEW', run_after = ?::timestamptz, updated_at = ?::timestamptz,"
                        + " max_attempts = attempts + policy_attempts, finished_at = NULL,"
                        + " last_message = 'queued again by ' || ? WHERE event_id = ? AND status IN ('DEAD', 'CANCELLED')"
                        + " RETURNING id",
                p -> p.instant(clock.instant())
                        .instant(clock.instant())
                        .value(actor)
                        .value(eventId),
                r -> r.getLong(1));
        resolveAlerts(ids, actor);
        return ids.size();
    }

    /** Marks the event's unfinished tasks SKIPPED (done by hand), and releases what waited for them. */
    public int skipUnfinished(long eventId, String actor) {
        List<Long> ids = jdbc.query(
                "UPDATE spool_task SET status = 'SKIPPED', locked_until = NULL, finished_at = ?::timestamptz,"
                        + " updated_at = ?::timestamptz, last_message = 'skipped by ' || ?"
                        + " WHERE event_id = ? AND status NOT IN " + SETTLED + " RETURNING id",
                p -> p.instant(clock.instant())
                        .instant(clock.instant())
                        .value(actor)
                        .value(eventId),
                r -> r.getLong(1));
        resolveAlerts(ids, actor);
        release(ids);
        return ids.size();
    }

    /** Cancels the service's tasks that are not running; a running one finishes, and what follows waits for it. */
    public int cancelPending(long userServiceId, String actor) {
        List<Long> ids = jdbc.query(
                "UPDATE spool_task SET status = 'CANCELLED', finished_at = ?::timestamptz, updated_at = ?::timestamptz,"
                        + " last_message = 'cancelled by ' || ? WHERE user_service_id = ?"
                        + " AND status IN ('NEW', 'FAILED', 'WAITING', 'PAUSED', 'DEAD') RETURNING id",
                p -> p.instant(clock.instant())
                        .instant(clock.instant())
                        .value(actor)
                        .value(userServiceId),
                r -> r.getLong(1));
        resolveAlerts(ids, actor);
        release(ids);
        return ids.size();
    }

    /** An operator's action on one task. */
    public enum Command {
        /** DEAD, FAILED, CANCELLED or PAUSED: run again now, with a fresh budget. */
        RETRY,
        /** Not finished: count it as done. */
        SKIP,
        /** Not finished: give it up (a service waiting on it goes to ERROR). */
        CANCEL,
        /** NEW, FAILED or WAITING: hold it until retried. */
        PAUSE
    }

    /**
     * Applies {@code command} to task {@code taskId}; answers the task's service (for the join) or
     * empty when the task is in no state the command applies to.
     */
    public Optional<Applied> apply(long taskId, Command command, String actor) {
        String from =
                switch (command) {
                    case RETRY -> "('DEAD', 'FAILED', 'CANCELLED', 'PAUSED')";
                    case SKIP -> "('NEW', 'FAILED', 'WAITING', 'PAUSED', 'DEAD', 'RUNNING')";
                    case CANCEL -> "('NEW', 'FAILED', 'WAITING', 'PAUSED', 'DEAD', 'RUNNING')";
                    case PAUSE -> "('NEW', 'FAILED', 'WAITING')";
                };
        String set =
                switch (command) {
                    case RETRY ->
                        "status = CASE WHEN EXISTS (SELECT 1 FROM spool_wait w JOIN spool_task d ON d.id = w.waits_for"
                                + " WHERE w.task_id = t.id AND d.status NOT IN " + SETTLED + ") THEN 'WAITING' ELSE"
                                + " 'NEW' END, run_after = ?::timestamptz, max_attempts = attempts + policy_attempts,"
                                + " finished_at = NULL";
                    case SKIP -> "status = 'SKIPPED', locked_until = NULL, finished_at = ?::timestamptz";
                    case CANCEL -> "status = 'CANCELLED', locked_until = NULL, finished_at = ?::timestamptz";
                    case PAUSE -> "status = 'PAUSED', run_after = ?::timestamptz";
                };
        List<Applied> applied = jdbc.query(
                "UPDATE spool_task t SET " + set + ", updated_at = ?::timestamptz, last_message = ? || ' by ' || ?"
                        + " WHERE id = ? AND status IN " + from + " RETURNING id, user_service_id, status",
                p -> p.instant(clock.instant())
                        .instant(clock.instant())
                        .value(command.name().toLowerCase())
                        .value(actor)
                        .value(taskId),
                r -> new Applied(r.getLong(1), r.getObject(2, Long.class), r.getString(3)));
        if (applied.isEmpty()) {
            return Optional.empty();
        }
        if (command != Command.PAUSE) {
            resolveAlerts(List.of(taskId), actor);
        }
        if (command == Command.SKIP || command == Command.CANCEL) {
            release(List.of(taskId));
        }
        return Optional.of(applied.getFirst());
    }

    /** A task an operator's command changed. */
    public record Applied(long taskId, Long userServiceId, String status) {}

    /**
     * Makes WAITING tasks NEW once nothing they wait for is open any more; {@code settled} are the
     * tasks that just succeeded, were skipped or cancelled.
     */
    public int release(List<Long> settled) {
        if (settled.isEmpty()) {
            return 0;
        }
        return jdbc.update(
                "UPDATE spool_task t SET status = 'NEW', run_after = ?::timestamptz, updated_at = ?::timestamptz"
                        + " WHERE t.status = 'WAITING' AND t.id IN (SELECT task_id FROM spool_wait WHERE waits_for ="
                        + " ANY(?)) AND NOT EXISTS (SELECT 1 FROM spool_wait w JOIN spool_task d ON d.id = w.waits_for"
                        + " WHERE w.task_id = t.id AND d.status NOT IN " + SETTLED + ")",
                p -> p.instant(clock.instant()).instant(clock.instant()).array("bigint", settled.toArray()));
    }

    private void resolveAlerts(List<Long> taskIds, String actor) {
        if (taskIds.isEmpty()) {
            return;
        }
        jdbc.update(
                "UPDATE alert SET resolved_at = ?::timestamptz, resolved_by = ? WHERE task_id = ANY(?)"
                        + " AND resolved_at IS NULL",
                p -> p.instant(clock.instant()).value(actor).array("bigint", taskIds.toArray()));
    }
}
