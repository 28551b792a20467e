package io.lastmile.billing.traffic;

import static io.lastmile.billing.db.Tables.TRAFFIC_MAP_VERSION;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The version of the subscriber map (addresses and traffic classes), one row changed in the
 * transaction of each change: a reader sees the new number exactly when it sees the change, and
 * changes of the map queue on the row's lock (which also makes their overlap checks exact).
 */
@Repository
class MapVersionRepository {

    private final DSLContext db;

    MapVersionRepository(DSLContext db) {
        this.db = db;
    }

    /** Takes the map's lock until the transaction ends; call before checking and changing. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lock() {
        db.select(TRAFFIC_MAP_VERSION.VERSION)
                .from(TRAFFIC_MAP_VERSION)
                .forUpdate()
                .fetchSingle();
    }

    /** Counts one more change of the map, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    long bump() {
        return db.update(TRAFFIC_MAP_VERSION)
                .set(TRAFFIC_MAP_VERSION.VERSION, TRAFFIC_MAP_VERSION.VERSION.plus(1))
                .returningResult(TRAFFIC_MAP_VERSION.VERSION)
                .fetchSingle()
                .value1();
    }

    long current() {
        return db.select(TRAFFIC_MAP_VERSION.VERSION)
                .from(TRAFFIC_MAP_VERSION)
                .fetchSingle()
                .value1();
    }
}
