package io.lastmile.billing.provisioning.alert;

import io.lastmile.billing.api.provisioning.AlertView;
import io.lastmile.billing.sql.Jdbc;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** What operators must look at: raised in the transaction of what caused it, resolved by hand or by a later success. */
@Component
public class Alerts {

    public enum Severity {
        WARNING,
        CRITICAL
    }

    private final Jdbc jdbc;
    private final Clock clock;

    Alerts(DSLContext db, Clock clock) {
        this.jdbc = new Jdbc(db);
        this.clock = clock;
    }

    /** Raises an alert about a task; its account and service are taken from the task. */
    public long raiseForTask(String kind, Severity severity, String message, long taskId) {
        return jdbc.query(
                        "INSERT INTO alert (kind, severity, message, account_id, user_service_id, task_id, created_at)"
                                + " SELECT ?, ?, ?, coalesce(t.account_id, us.account_id), t.user_service_id, t.id,"
                                + " ?::timestamptz FROM spool_task t LEFT JOIN user_service us ON us.id ="
                                + " t.user_service_id WHERE t.id = ? RETURNING id",
                        p -> p.value(kind)
                                .value(severity.name())
                                .value(message)
                                .instant(clock.instant())
                                .value(taskId),
                        r -> r.getLong(1))
                .getFirst();
    }

    /** Open alerts first, newest first; {@code open} false lists resolved ones too. */
    public List<AlertView> list(boolean openOnly, Long userServiceId, int limit) {
        return jdbc.query(
                "SELECT id, kind, severity, message, account_id, user_service_id, task_id, created_at, resolved_at,"
                        + " resolved_by FROM alert WHERE (NOT ? OR resolved_at IS NULL)"
                        + " AND (?::bigint IS NULL OR user_service_id = ?) ORDER BY id DESC LIMIT ?",
                p -> p.value(openOnly).value(userServiceId).value(userServiceId).value(limit),
                r -> new AlertView(
                        r.getLong(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getObject(5, Long.class),
                        r.getObject(6, Long.class),
                        r.getObject(7, Long.class),
                        Jdbc.instant(r, 8),
                        Jdbc.instant(r, 9),
                        r.getString(10)));
    }

    /** Marks an alert resolved; false when it does not exist or already was. */
    public boolean resolve(long id, String actor) {
        return jdbc.update(
                        "UPDATE alert SET resolved_at = ?::timestamptz, resolved_by = ? WHERE id = ?"
                                + " AND resolved_at IS NULL",
                        p -> p.instant(clock.instant()).value(actor).value(id))
                > 0;
    }
}
