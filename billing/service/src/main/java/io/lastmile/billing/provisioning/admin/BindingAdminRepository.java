package io.lastmile.billing.provisioning.admin;

import static io.lastmile.billing.db.Tables.EVENT_BINDING;
import static io.lastmile.billing.db.Tables.SPOOL_TASK;

import io.lastmile.billing.api.provisioning.BindingView;
import io.lastmile.billing.db.tables.records.EventBindingRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class BindingAdminRepository {

    private final DSLContext db;

    BindingAdminRepository(DSLContext db) {
        this.db = db;
    }

    /** The bindings of one event, or all, in the order they run: by event, position, then id. */
    List<BindingView> list(String event) {
        Condition of = event == null ? DSL.trueCondition() : EVENT_BINDING.EVENT.eq(event);
        return db.selectFrom(EVENT_BINDING)
                .where(of)
                .orderBy(EVENT_BINDING.EVENT, EVENT_BINDING.POSITION, EVENT_BINDING.ID)
                .fetch(BindingAdminRepository::view);
    }

    Optional<BindingView> find(long id) {
        return db.selectFrom(EVENT_BINDING)
                .where(EVENT_BINDING.ID.eq(id))
                .fetchOptional()
                .map(BindingAdminRepository::view);
    }

    Optional<EventBindingRecord> lock(long id) {
        return db.selectFrom(EVENT_BINDING)
                .where(EVENT_BINDING.ID.eq(id))
                .forUpdate()
                .fetchOptional();
    }

    long insert(EventBindingRecord binding, Instant now) {
        binding.setCreatedAt(now.atOffset(ZoneOffset.UTC));
        return db.insertInto(EVENT_BINDING)
                .set(binding)
                .returning(EVENT_BINDING.ID)
                .fetchSingle()
                .getId();
    }

    void update(EventBindingRecord binding) {
        db.executeUpdate(binding);
    }

    void delete(long id) {
        db.deleteFrom(EVENT_BINDING).where(EVENT_BINDING.ID.eq(id)).execute();
    }

    /** The spool tasks that were queued from the binding (they keep its id in their history). */
    int tasks(long id) {
        return db.fetchCount(SPOOL_TASK, SPOOL_TASK.BINDING_ID.eq(id));
    }

    private static BindingView view(EventBindingRecord b) {
        return new BindingView(
                b.getId(),
                b.getEvent(),
                b.getCategoryPattern(),
                b.getTemplateId(),
                b.getServerId(),
                b.getGroupId(),
                b.getTimeoutSeconds(),
                b.getMaxAttempts(),
                b.getBackoffSeconds(),
                b.getPosition(),
                b.getEnabled(),
                b.getCreatedAt().toInstant());
    }
}
