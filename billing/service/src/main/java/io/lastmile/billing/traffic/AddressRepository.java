package io.lastmile.billing.traffic;

import static io.lastmile.billing.db.Tables.ACCOUNT;
import static io.lastmile.billing.db.Tables.ACCOUNT_ADDRESS;

import io.lastmile.billing.api.traffic.AddressView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Accounts' addresses and prefixes ({@code cidr}, written and read as text). */
@Repository
class AddressRepository {

    private static final Field<String> PREFIX =
            ACCOUNT_ADDRESS.PREFIX.cast(String.class).as("prefix_text");

    /** A prefix of another row that overlaps the one asked for. */
    record Overlap(long accountId, String contract, String prefix) {}

    private final DSLContext db;

    AddressRepository(DSLContext db) {
        this.db = db;
    }

    boolean accountExists(long accountId) {
        return db.fetchExists(ACCOUNT, ACCOUNT.ID.eq(accountId));
    }

    List<AddressView> of(long accountId) {
        return db.select(ACCOUNT_ADDRESS.asterisk(), PREFIX)
                .from(ACCOUNT_ADDRESS)
                .where(ACCOUNT_ADDRESS.ACCOUNT_ID.eq(accountId))
                .orderBy(ACCOUNT_ADDRESS.PREFIX)
                .fetch(AddressRepository::view);
    }

    /** The first stored prefix that contains, or lies in, `prefix`. */
    Optional<Overlap> overlapping(IpPrefix prefix) {
        return db.select(ACCOUNT_ADDRESS.ACCOUNT_ID, ACCOUNT.CONTRACT, PREFIX)
                .from(ACCOUNT_ADDRESS)
                .join(ACCOUNT)
                .on(ACCOUNT.ID.eq(ACCOUNT_ADDRESS.ACCOUNT_ID))
                .where(DSL.condition("{0} && {1}", ACCOUNT_ADDRESS.PREFIX, cidr(prefix)))
                .orderBy(ACCOUNT_ADDRESS.PREFIX)
                .limit(1)
                .fetchOptional(r -> new Overlap(r.value1(), r.value2(), r.value3()));
    }

    AddressView insert(long accountId, IpPrefix prefix, String comment, Instant now, String actor) {
        long id = db.insertInto(
                        ACCOUNT_ADDRESS,
                        ACCOUNT_ADDRESS.ACCOUNT_ID,
                        ACCOUNT_ADDRESS.PREFIX,
                        ACCOUNT_ADDRESS.COMMENT,
                        ACCOUNT_ADDRESS.CREATED_AT,
                        ACCOUNT_ADDRESS.CREATED_BY)
                .values(
                        DSL.val(accountId),
                        cidr(prefix),
                        DSL.val(comment),
                        DSL.val(now.atOffset(ZoneOffset.UTC)),
                        DSL.val(actor))
                .returningResult(ACCOUNT_ADDRESS.ID)
                .fetchSingle()
                .value1();
        return find(accountId, id).orElseThrow();
    }

    Optional<AddressView> find(long accountId, long id) {
        return db.select(ACCOUNT_ADDRESS.asterisk(), PREFIX)
                .from(ACCOUNT_ADDRESS)
                .where(ACCOUNT_ADDRESS.ID.eq(id).and(ACCOUNT_ADDRESS.ACCOUNT_ID.eq(accountId)))
                .fetchOptional(AddressRepository::view);
    }

    void delete(long id) {
        db.deleteFrom(ACCOUNT_ADDRESS).where(ACCOUNT_ADDRESS.ID.eq(id)).execute();
    }

    static Field<Object> cidr(IpPrefix prefix) {
        return DSL.field("cast({0} as cidr)", Object.class, DSL.val(prefix.sql()));
    }

    private static AddressView view(Record r) {
        return new AddressView(
                r.get(ACCOUNT_ADDRESS.ID),
                r.get(ACCOUNT_ADDRESS.ACCOUNT_ID),
                r.get(PREFIX),
                r.get(ACCOUNT_ADDRESS.COMMENT),
                r.get(ACCOUNT_ADDRESS.CREATED_AT).toInstant(),
                r.get(ACCOUNT_ADDRESS.CREATED_BY));
    }
}
