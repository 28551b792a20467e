package io.lastmile.billing.provisioning.admin;

import static io.lastmile.billing.db.Tables.EVENT_BINDING;
import static io.lastmile.billing.db.Tables.SERVER;
import static io.lastmile.billing.db.Tables.SERVER_GROUP;

import io.lastmile.billing.api.provisioning.ServerGroupView;
import io.lastmile.billing.db.tables.records.ServerGroupRecord;
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
class GroupAdminRepository {

    private static final Field<Integer> SERVERS = DSL.field(
                    DSL.selectCount().from(SERVER).where(SERVER.GROUP_ID.eq(SERVER_GROUP.ID)))
            .as("servers");
    private static final Field<Integer> BINDINGS = DSL.field(
                    DSL.selectCount().from(EVENT_BINDING).where(EVENT_BINDING.GROUP_ID.eq(SERVER_GROUP.ID)))
            .as("bindings");

    private final DSLContext db;

    GroupAdminRepository(DSLContext db) {
        this.db = db;
    }

    List<ServerGroupView> list() {
        return views(DSL.trueCondition());
    }

    Optional<ServerGroupView> find(long id) {
        return views(SERVER_GROUP.ID.eq(id)).stream().findFirst();
    }

    boolean exists(long id) {
        return db.fetchExists(SERVER_GROUP, SERVER_GROUP.ID.eq(id));
    }

    /** Locks the group's row until the transaction ends: a delete waits for changes that name it. */
    Optional<ServerGroupRecord> lock(long id) {
        return db.selectFrom(SERVER_GROUP)
                .where(SERVER_GROUP.ID.eq(id))
                .forUpdate()
                .fetchOptional();
    }

    boolean nameTaken(String name, Long exceptId) {
        Condition other = exceptId == null ? DSL.trueCondition() : SERVER_GROUP.ID.ne(exceptId);
        return db.fetchExists(SERVER_GROUP, SERVER_GROUP.NAME.eq(name).and(other));
    }

    long insert(String name, Strategy strategy, Instant now) {
        return db.insertInto(SERVER_GROUP)
                .set(SERVER_GROUP.NAME, name)
                .set(SERVER_GROUP.STRATEGY, strategy.name())
                .set(SERVER_GROUP.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .returning(SERVER_GROUP.ID)
                .fetchSingle()
                .getId();
    }

    void update(long id, String name, Strategy strategy) {
        db.update(SERVER_GROUP)
                .set(SERVER_GROUP.NAME, name)
                .set(SERVER_GROUP.STRATEGY, strategy.name())
                .where(SERVER_GROUP.ID.eq(id))
                .execute();
    }

    void delete(long id) {
        db.deleteFrom(SERVER_GROUP).where(SERVER_GROUP.ID.eq(id)).execute();
    }

    private List<ServerGroupView> views(Condition condition) {
        return db.select(SERVER_GROUP.fields())
                .select(SERVERS, BINDINGS)
                .from(SERVER_GROUP)
                .where(condition)
                .orderBy(SERVER_GROUP.NAME)
                .fetch(GroupAdminRepository::view);
    }

    private static ServerGroupView view(Record r) {
        return new ServerGroupView(
                r.get(SERVER_GROUP.ID),
                r.get(SERVER_GROUP.NAME),
                r.get(SERVER_GROUP.STRATEGY),
                r.get(SERVERS),
                r.get(BINDINGS),
                r.get(SERVER_GROUP.CREATED_AT).toInstant());
    }
}
