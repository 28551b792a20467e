package io.lastmile.billing.provisioning.tasks;

import io.lastmile.billing.api.provisioning.AttemptView;
import io.lastmile.billing.api.provisioning.OutputLine;
import io.lastmile.billing.api.provisioning.TaskView;
import io.lastmile.billing.sql.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Reads tasks, attempts and output for operators. */
@Repository
class TaskQueries {

    /** A filter of the task list; null fields do not filter. */
    record Filter(
            String status,
            Long userServiceId,
            Long accountId,
            String event,
            Long serverId,
            String kind,
            Long beforeId,
            int limit) {}

    private static final String COLUMNS = "t.id, t.kind, t.event, t.job, t.user_service_id,"
            + " coalesce(t.account_id, us.account_id), t.binding_id, t.server_id, t.status, t.attempts, t.max_attempts,"
            + " t.run_after, t.last_message, t.created_at, t.updated_at, t.finished_at,"
            + " ARRAY(SELECT waits_for FROM spool_wait w WHERE w.task_id = t.id ORDER BY waits_for)"
            + " FROM spool_task t LEFT JOIN user_service us ON us.id = t.user_service_id";

    private final Jdbc jdbc;

    TaskQueries(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    List<TaskView> list(Filter f) {
        return jdbc.query(
                "SELECT " + COLUMNS + " WHERE (?::text IS NULL OR t.status = ?) AND (?::bigint IS NULL OR"
                        + " t.user_service_id = ?) AND (?::bigint IS NULL OR coalesce(t.account_id, us.account_id) = ?)"
                        + " AND (?::text IS NULL OR t.event = ?) AND (?::bigint IS NULL OR t.server_id = ?)"
                        + " AND (?::text IS NULL OR t.kind = ?) AND (?::bigint IS NULL OR t.id < ?)"
                        + " ORDER BY t.id DESC LIMIT ?",
                p -> p.value(f.status())
                        .value(f.status())
                        .value(f.userServiceId())
                        .value(f.userServiceId())
                        .value(f.accountId())
                        .value(f.accountId())
                        .value(f.event())
                        .value(f.event())
                        .value(f.serverId())
                        .value(f.serverId())
                        .value(f.kind())
                        .value(f.kind())
                        .value(f.beforeId())
                        .value(f.beforeId())
                        .value(f.limit()),
                TaskQueries::task);
    }

    Optional<TaskView> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " WHERE t.id = ?", p -> p.value(id), TaskQueries::task).stream()
                .findFirst();
    }

    List<AttemptView> attempts(long taskId) {
        return jdbc.query(
                "SELECT number, started_at, ended_at, outcome, exit_status, message FROM spool_attempt"
                        + " WHERE task_id = ? ORDER BY number",
                p -> p.value(taskId),
                r -> new AttemptView(
                        r.getInt(1),
                        Jdbc.instant(r, 2),
                        Jdbc.instant(r, 3),
                        r.getString(4),
                        r.getObject(5, Integer.class),
                        r.getString(6)));
    }

    /** Output of the task's attempts after (attempt, line) = ({@code afterAttempt}, {@code afterLine}), in order. */
    List<OutputLine> output(long taskId, Integer attempt, int afterAttempt, int afterLine, int limit) {
        return jdbc.query(
                "SELECT a.number, o.line_no, o.stream, o.text, o.at FROM spool_output o JOIN spool_attempt a ON a.id ="
                        + " o.attempt_id WHERE a.task_id = ? AND (?::int IS NULL OR a.number = ?)"
                        + " AND (a.number, o.line_no) > (?, ?) ORDER BY a.number, o.line_no LIMIT ?",
                p -> p.value(taskId)
                        .value(attempt)
                        .value(attempt)
                        .value(afterAttempt)
                        .value(afterLine)
                        .value(limit),
                r -> new OutputLine(r.getInt(1), r.getInt(2), r.getString(3), r.getString(4), Jdbc.instant(r, 5)));
    }

    private static TaskView task(ResultSet r) throws SQLException {
        Object[] waits = (Object[]) r.getArray(17).getArray();
        List<Long> waitsFor = new ArrayList<>(
                Arrays.stream(waits).map(o -> ((Number) o).longValue()).toList());
        return new TaskView(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getObject(5, Long.class),
                r.getObject(6, Long.class),
                r.getObject(7, Long.class),
                r.getObject(8, Long.class),
                r.getString(9),
                r.getInt(10),
                r.getInt(11),
                Jdbc.instant(r, 12),
                r.getString(13),
                Jdbc.instant(r, 14),
                Jdbc.instant(r, 15),
                Jdbc.instant(r, 16),
                waitsFor);
    }
}
