package io.lastmile.billing.traffic;

import static io.lastmile.billing.db.Tables.ACCOUNT_ADDRESS;
import static io.lastmile.billing.db.Tables.TRAFFIC_CLASS;
import static io.lastmile.billing.db.Tables.TRAFFIC_CLASS_PREFIX;

import io.lastmile.billing.api.traffic.TrafficMap;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

/** The map's content, read in the caller's (repeatable-read) transaction. */
@Repository
class TrafficMapRepository {

    private static final Field<String> ADDRESS = ACCOUNT_ADDRESS.PREFIX.cast(String.class);
    private static final Field<String> CLASS_PREFIX = TRAFFIC_CLASS_PREFIX.PREFIX.cast(String.class);

    private final DSLContext db;

    TrafficMapRepository(DSLContext db) {
        this.db = db;
    }

    List<TrafficMap.Subscriber> subscribers() {
        List<TrafficMap.Subscriber> subscribers = new ArrayList<>();
        db.select(ACCOUNT_ADDRESS.ACCOUNT_ID, ADDRESS)
                .from(ACCOUNT_ADDRESS)
                .orderBy(ACCOUNT_ADDRESS.ACCOUNT_ID, ACCOUNT_ADDRESS.PREFIX)
                .fetchGroups(ACCOUNT_ADDRESS.ACCOUNT_ID, ADDRESS)
                .forEach((account, prefixes) -> subscribers.add(new TrafficMap.Subscriber(account, prefixes)));
        return subscribers;
    }

    List<TrafficMap.ClassPrefixes> classes() {
        List<TrafficMap.ClassPrefixes> classes = new ArrayList<>();
        db.select(TRAFFIC_CLASS.CODE, CLASS_PREFIX)
                .from(TRAFFIC_CLASS_PREFIX)
                .join(TRAFFIC_CLASS)
                .on(TRAFFIC_CLASS.ID.eq(TRAFFIC_CLASS_PREFIX.CLASS_ID))
                .orderBy(TRAFFIC_CLASS.CODE, TRAFFIC_CLASS_PREFIX.PREFIX)
                .fetchGroups(TRAFFIC_CLASS.CODE, CLASS_PREFIX)
                .forEach((code, prefixes) -> classes.add(new TrafficMap.ClassPrefixes(code, prefixes)));
        return classes;
    }
}
