package io.lastmile.billing.provisioning.admin;

import static io.lastmile.billing.db.Tables.EVENT_BINDING;
import static io.lastmile.billing.db.Tables.TEMPLATE;

import io.lastmile.billing.api.provisioning.TemplateView;
import io.lastmile.billing.db.tables.records.TemplateRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class TemplateAdminRepository {

    private static final Field<Integer> BINDINGS = DSL.field(
                    DSL.selectCount().from(EVENT_BINDING).where(EVENT_BINDING.TEMPLATE_ID.eq(TEMPLATE.ID)))
            .as("bindings");

    private final DSLContext db;

    TemplateAdminRepository(DSLContext db) {
        this.db = db;
    }

    List<TemplateView> list() {
        return views(DSL.trueCondition());
    }

    Optional<TemplateView> find(long id) {
        return views(TEMPLATE.ID.eq(id)).stream().findFirst();
    }

    boolean exists(long id) {
        return db.fetchExists(TEMPLATE, TEMPLATE.ID.eq(id));
    }

    /** Locks the template's row until the transaction ends: a delete waits for bindings being saved. */
    Optional<TemplateRecord> lock(long id) {
        return db.selectFrom(TEMPLATE).where(TEMPLATE.ID.eq(id)).forUpdate().fetchOptional();
    }

    boolean nameTaken(String name, Long exceptId) {
        Condition other = exceptId == null ? DSL.trueCondition() : TEMPLATE.ID.ne(exceptId);
        return db.fetchExists(TEMPLATE, TEMPLATE.NAME.eq(name).and(other));
    }

    long insert(String name, String body, Instant now) {
        return db.insertInto(TEMPLATE)
                .set(TEMPLATE.NAME, name)
                .set(TEMPLATE.BODY, body)
                .set(TEMPLATE.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(TEMPLATE.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .returning(TEMPLATE.ID)
                .fetchSingle()
                .getId();
    }

    void update(long id, String name, String body, Instant now) {
        db.update(TEMPLATE)
                .set(TEMPLATE.NAME, name)
                .set(TEMPLATE.BODY, body)
                .set(TEMPLATE.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(TEMPLATE.ID.eq(id))
                .execute();
    }

    void delete(long id) {
        db.deleteFrom(TEMPLATE).where(TEMPLATE.ID.eq(id)).execute();
    }

    private List<TemplateView> views(Condition condition) {
        return db.select(TEMPLATE.fields())
                .select(BINDINGS)
                .from(TEMPLATE)
                .where(condition)
                .orderBy(TEMPLATE.NAME)
                .fetch(TemplateAdminRepository::view);
    }

    private static TemplateView view(Record r) {
        return new TemplateView(
                r.get(TEMPLATE.ID),
                r.get(TEMPLATE.NAME),
                r.get(TEMPLATE.BODY),
                r.get(BINDINGS),
                r.get(TEMPLATE.CREATED_AT).toInstant(),
                r.get(TEMPLATE.UPDATED_AT).toInstant());
    }
}
