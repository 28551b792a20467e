package io.lastmile.billing.traffic;

import static io.lastmile.billing.db.Tables.TRAFFIC_CLASS;
import static io.lastmile.billing.db.Tables.TRAFFIC_CLASS_PREFIX;

import io.lastmile.billing.api.traffic.TrafficClassView;
import io.lastmile.billing.db.tables.records.TrafficClassRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Traffic classes and their prefixes ({@code cidr}, written and read as text). */
@Repository
class TrafficClassRepository {

    private static final Field<String> PREFIX = TRAFFIC_CLASS_PREFIX.PREFIX.cast(String.class);

    /** A prefix another class already has. */
    record Taken(String code, String prefix) {}

    private final DSLContext db;

    TrafficClassRepository(DSLContext db) {
        this.db = db;
    }

    List<TrafficClassView> all() {
        Map<Long, List<String>> prefixes = db.select(TRAFFIC_CLASS_PREFIX.CLASS_ID, PREFIX)
                .from(TRAFFIC_CLASS_PREFIX)
                .orderBy(TRAFFIC_CLASS_PREFIX.PREFIX)
                .fetchGroups(TRAFFIC_CLASS_PREFIX.CLASS_ID, PREFIX);
        return db.selectFrom(TRAFFIC_CLASS)
                .orderBy(TRAFFIC_CLASS.IS_DEFAULT.desc(), TRAFFIC_CLASS.CODE)
                .fetch(r -> view(r, prefixes.getOrDefault(r.getId(), List.of())));
    }

    Optional<TrafficClassView> find(String code) {
        return db.selectFrom(TRAFFIC_CLASS)
                .where(TRAFFIC_CLASS.CODE.eq(code))
                .fetchOptional(r -> view(r, prefixesOf(r.getId())));
    }

    Optional<Long> idOf(String code) {
        return db.select(TRAFFIC_CLASS.ID)
                .from(TRAFFIC_CLASS)
                .where(TRAFFIC_CLASS.CODE.eq(code))
                .fetchOptional(TRAFFIC_CLASS.ID);
    }

    String defaultCode() {
        return db.select(TRAFFIC_CLASS.CODE)
                .from(TRAFFIC_CLASS)
                .where(TRAFFIC_CLASS.IS_DEFAULT)
                .fetchSingle(TRAFFIC_CLASS.CODE);
    }

    /** The first of `prefixes` a class other than `classId` already has. */
    Optional<Taken> taken(List<IpPrefix> prefixes, long classId) {
        String[] wanted = prefixes.stream().map(IpPrefix::sql).toArray(String[]::new);
        return db.select(TRAFFIC_CLASS.CODE, PREFIX)
                .from(TRAFFIC_CLASS_PREFIX)
                .join(TRAFFIC_CLASS)
                .on(TRAFFIC_CLASS.ID.eq(TRAFFIC_CLASS_PREFIX.CLASS_ID))
                .where(TRAFFIC_CLASS_PREFIX.CLASS_ID.ne(classId))
                .and(DSL.condition("{0} = any(cast({1} as cidr[]))", TRAFFIC_CLASS_PREFIX.PREFIX, DSL.val(wanted)))
                .orderBy(TRAFFIC_CLASS_PREFIX.PREFIX)
                .limit(1)
                .fetchOptional(r -> new Taken(r.value1(), r.value2()));
    }

    long insert(String code, String name, Instant now) {
        return db.insertInto(TRAFFIC_CLASS)
                .set(TRAFFIC_CLASS.CODE, code)
                .set(TRAFFIC_CLASS.NAME, name)
                .set(TRAFFIC_CLASS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(TRAFFIC_CLASS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .returningResult(TRAFFIC_CLASS.ID)
                .fetchSingle()
                .value1();
    }

    void rename(long id, String name, Instant now) {
        db.update(TRAFFIC_CLASS)
                .set(TRAFFIC_CLASS.NAME, name)
                .set(TRAFFIC_CLASS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(TRAFFIC_CLASS.ID.eq(id))
                .execute();
    }

    void replacePrefixes(long id, List<IpPrefix> prefixes, Instant now) {
        db.deleteFrom(TRAFFIC_CLASS_PREFIX)
                .where(TRAFFIC_CLASS_PREFIX.CLASS_ID.eq(id))
                .execute();
        var insert = db.insertInto(TRAFFIC_CLASS_PREFIX, TRAFFIC_CLASS_PREFIX.CLASS_ID, TRAFFIC_CLASS_PREFIX.PREFIX);
        for (IpPrefix p : prefixes) {
            insert = insert.values(DSL.val(id), AddressRepository.cidr(p));
        }
        if (!prefixes.isEmpty()) {
            insert.execute();
        }
        db.update(TRAFFIC_CLASS)
                .set(TRAFFIC_CLASS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(TRAFFIC_CLASS.ID.eq(id))
                .execute();
    }

    void delete(long id) {
        db.deleteFrom(TRAFFIC_CLASS).where(TRAFFIC_CLASS.ID.eq(id)).execute();
    }

    private List<String> prefixesOf(long id) {
        return db.select(PREFIX)
                .from(TRAFFIC_CLASS_PREFIX)
                .where(TRAFFIC_CLASS_PREFIX.CLASS_ID.eq(id))
                .orderBy(TRAFFIC_CLASS_PREFIX.PREFIX)
                .fetch(PREFIX);
    }

    private static TrafficClassView view(TrafficClassRecord r, List<String> prefixes) {
        return new TrafficClassView(
                r.getCode(),
                r.getName(),
                r.getIsDefault(),
                prefixes,
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }
}
