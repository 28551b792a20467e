package io.lastmile.billing.audit;

import io.lastmile.billing.sql.Jdbc;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Privileged actions waiting to be reported to auth. */
@Repository
class AuditOutboxRepository {

    record Unsent(long id, Instant at, String actor, String action, String subject, String detail) {}

    private final Jdbc jdbc;

    AuditOutboxRepository(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    List<Unsent> unsent(int limit) {
        return jdbc.query(
                "SELECT id, at, actor, action, subject, detail FROM audit_outbox WHERE sent_at IS NULL"
                        + " AND problem IS NULL ORDER BY id LIMIT ?",
                p -> p.value(limit),
                r -> new Unsent(
                        r.getLong(1),
                        Jdbc.instant(r, 2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5),
                        r.getString(6)));
    }

    void sent(long id, Instant at) {
        jdbc.update("UPDATE audit_outbox SET sent_at = ?::timestamptz WHERE id = ?", p -> p.instant(at)
                .value(id));
    }

    void refused(long id, String problem) {
        jdbc.update("UPDATE audit_outbox SET problem = ? WHERE id = ?", p -> p.value(problem)
                .value(id));
    }
}
