package io.lastmile.billing.traffic;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly partitions of {@code traffic_minute} (UTC months). Made ahead by {@link
 * TrafficPartitionJob}, and before a batch's own transaction for any month it needs that is not
 * there yet (a late batch, a fresh install): each in a short transaction of its own, one creator at
 * a time (an advisory lock), so that two billing workers never race on one name and the lock a
 * partition's creation takes on the table is never held through a booking.
 */
@Component
class TrafficPartitions {

    /** The advisory lock key of partition creation ("traffic_minute" in short). */
    private static final long LOCK = 0x7472616666696DL;

    private final DSLContext db;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final TrafficProperties properties;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    TrafficPartitions(
            DSLContext db, PlatformTransactionManager transactions, Clock clock, TrafficProperties properties) {
        this.db = db;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.properties = properties;
    }

    /** Makes the partitions of `months` that are not there; answers those it made. */
    Set<YearMonth> ensure(Collection<YearMonth> months) {
        Set<YearMonth> made = new TreeSet<>();
        for (YearMonth month : months) {
            if (known.contains(month)) {
                continue;
            }
            if (Boolean.TRUE.equals(ownTransaction.execute(status -> create(month)))) {
                made.add(month);
            }
            known.add(month);
        }
        return made;
    }

    /** The current UTC month and the configured number after it. */
    Set<YearMonth> ahead() {
        YearMonth now = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
        Set<YearMonth> months = new TreeSet<>();
        for (int i = 0; i <= properties.monthsAhead(); i++) {
            months.add(now.plusMonths(i));
        }
        return months;
    }

    static String name(YearMonth month) {
        return String.format("traffic_minute_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    private boolean create(YearMonth month) {
        db.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
        String name = name(month);
        if (Boolean.TRUE.equals(db.fetchValue("SELECT to_regclass(?) IS NOT NULL", name))) {
            return false;
        }
        // the bounds are UTC instants the code makes, not input: written into the DDL as literals
        db.execute("CREATE TABLE " + name + " PARTITION OF traffic_minute FOR VALUES FROM ('"
                + month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "') TO ('"
                + month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "')");
        return true;
    }
}
