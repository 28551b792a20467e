package io.lastmile.billing.traffic;

import static io.lastmile.billing.db.Tables.ACCOUNT;
import static io.lastmile.billing.db.Tables.TRAFFIC_DAY;
import static io.lastmile.billing.db.Tables.TRAFFIC_HOUR;
import static io.lastmile.billing.db.Tables.TRAFFIC_MINUTE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** An account's usage by minute, hour or day, ordered by class, direction and time. */
@Repository
class ChartRepository {

    /** One stored step: its start (a day's start in the account's zone) and usage. */
    record Step(String trafficClass, String direction, Instant at, long bytes, long packets) {}

    private final DSLContext db;

    ChartRepository(DSLContext db) {
        this.db = db;
    }

    Optional<ZoneId> zoneOf(long accountId) {
        return db.select(ACCOUNT.TIME_ZONE)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(r -> ZoneId.of(r.value1()));
    }

    List<Step> minutes(long accountId, Instant from, Instant to) {
        var t = TRAFFIC_MINUTE;
        return db.select(t.TRAFFIC_CLASS, t.DIRECTION, t.MINUTE, t.BYTES, t.PACKETS)
                .from(t)
                .where(t.ACCOUNT_ID.eq(accountId))
                .and(t.MINUTE.ge(from.atOffset(ZoneOffset.UTC)))
                .and(t.MINUTE.lt(to.atOffset(ZoneOffset.UTC)))
                .orderBy(t.TRAFFIC_CLASS, t.DIRECTION, t.MINUTE)
                .fetch(r -> new Step(r.value1(), r.value2(), r.value3().toInstant(), r.value4(), r.value5()));
    }

    List<Step> hours(long accountId, Instant from, Instant to) {
        var t = TRAFFIC_HOUR;
        return db.select(t.TRAFFIC_CLASS, t.DIRECTION, t.HOUR, t.BYTES, t.PACKETS)
                .from(t)
                .where(t.ACCOUNT_ID.eq(accountId))
                .and(t.HOUR.ge(from.atOffset(ZoneOffset.UTC)))
                .and(t.HOUR.lt(to.atOffset(ZoneOffset.UTC)))
                .orderBy(t.TRAFFIC_CLASS, t.DIRECTION, t.HOUR)
                .fetch(r -> new Step(r.value1(), r.value2(), r.value3().toInstant(), r.value4(), r.value5()));
    }

    List<Step> days(long accountId, LocalDate from, LocalDate to, ZoneId zone) {
        var t = TRAFFIC_DAY;
        return db.select(t.TRAFFIC_CLASS, t.DIRECTION, t.DAY, t.BYTES, t.PACKETS)
                .from(t)
                .where(t.ACCOUNT_ID.eq(accountId))
                .and(t.DAY.ge(from))
                .and(t.DAY.lt(to))
                .orderBy(t.TRAFFIC_CLASS, t.DIRECTION, t.DAY)
                .fetch(r -> new Step(
                        r.value1(), r.value2(), r.value3().atStartOfDay(zone).toInstant(), r.value4(), r.value5()));
    }
}
