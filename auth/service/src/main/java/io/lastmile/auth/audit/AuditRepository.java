package io.lastmile.auth.audit;

import static io.lastmile.auth.db.Tables.AUDIT_EVENT;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class AuditRepository {

    private final DSLContext db;

    AuditRepository(DSLContext db) {
        this.db = db;
    }

    void insert(AuditEvent e) {
        insert(e, null);
    }

    /** Returns false when the module reported this key before (nothing is written then). */
    boolean insert(AuditEvent e, String reportKey) {
        return db.insertInto(AUDIT_EVENT)
                        .set(AUDIT_EVENT.AT, e.at().atOffset(ZoneOffset.UTC))
                        .set(AUDIT_EVENT.MODULE, e.module())
                        .set(AUDIT_EVENT.ACTOR, e.actor())
                        .set(AUDIT_EVENT.SUBJECT, e.subject())
                        .set(AUDIT_EVENT.ACTION, e.action())
                        .set(AUDIT_EVENT.ADDRESS, e.address())
                        .set(AUDIT_EVENT.DETAIL, e.detail() == null ? "" : e.detail())
                        .set(AUDIT_EVENT.REPORT_KEY, reportKey)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Newest first. */
    List<AuditEvent> find(AuditQuery q, int offset, int limit) {
        return db.selectFrom(AUDIT_EVENT)
                .where(conditions(q))
                .orderBy(AUDIT_EVENT.ID.desc())
                .offset(offset)
                .limit(limit)
                .fetch(r -> new AuditEvent(
                        r.getId(),
                        r.getAt().toInstant(),
                        r.getModule(),
                        r.getActor(),
                        r.getSubject(),
                        r.getAction(),
                        r.getAddress(),
                        r.getDetail()));
    }

    long count(AuditQuery q) {
        return db.fetchCount(AUDIT_EVENT, conditions(q));
    }

    private static Condition conditions(AuditQuery q) {
        List<Condition> all = new ArrayList<>();
        if (q.actor() != null) {
            all.add(AUDIT_EVENT.ACTOR.eq(q.actor()));
        }
        if (q.subject() != null) {
            all.add(AUDIT_EVENT.SUBJECT.eq(q.subject()));
        }
        if (q.action() != null) {
            all.add(AUDIT_EVENT.ACTION.eq(q.action()));
        }
        if (q.from() != null) {
            all.add(AUDIT_EVENT.AT.ge(q.from().atOffset(ZoneOffset.UTC)));
        }
        if (q.to() != null) {
            all.add(AUDIT_EVENT.AT.lt(q.to().atOffset(ZoneOffset.UTC)));
        }
        return DSL.and(all);
    }

    /** Filters; null is any. {@code to} is exclusive. */
    record AuditQuery(String actor, String subject, String action, Instant from, Instant to) {}
}
