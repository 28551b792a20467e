package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.TrafficBatch;
import io.lastmile.billing.api.traffic.TrafficRow;
import io.lastmile.platform.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a batch against the contract and sums its rows of one key. A batch with any bad row is
 * refused whole (400) with the first problems by field ({@code rows[3].minute}): the collector
 * sets it aside and alarms, and nothing of it is booked.
 */
final class BatchCheck {

    static final int MAX_ROWS = 50_000;
    static final int MAX_PROBLEMS = 20;
    static final int MAX_SOURCE = 200;

    private final Instant now;
    private final TrafficProperties limits;
    private final Map<String, String> problems = new LinkedHashMap<>();
    private int more;

    BatchCheck(Instant now, TrafficProperties limits) {
        this.now = now;
        this.limits = limits;
    }

    /** The batch's rows summed, or InvalidRequestException naming what is wrong. */
    UsageRows check(TrafficBatch batch) {
        if (batch.batchId() == null) {
            problem("batchId", "is required: a UUID the collector gives the batch, the same on every retry");
        }
        if (batch.source() == null || batch.source().isBlank() || batch.source().length() > MAX_SOURCE) {
            problem("source", "is required: who measured the traffic, up to " + MAX_SOURCE + " characters");
        }
        if (batch.rows() == null) {
            problem("rows", "is required: a list of rows (it may be empty)");
        } else if (batch.rows().size() > MAX_ROWS) {
            problem("rows", "has " + batch.rows().size() + " rows; a batch takes at most " + MAX_ROWS);
        }
        Map<UsageRows.Row, UsageRows.Row> summed = new HashMap<>();
        if (problems.isEmpty()) {
            for (int i = 0; i < batch.rows().size(); i++) {
                add(summed, i, batch.rows().get(i));
            }
        }
        if (more > 0) {
            problems.put("more", more + " more problems");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new UsageRows(summed.values());
    }

    private void add(Map<UsageRows.Row, UsageRows.Row> summed, int i, TrafficRow row) {
        String at = "rows[" + i + "]";
        if (row == null) {
            problem(at, "must be a row object");
            return;
        }
        boolean ok = required(at + ".accountId", row.accountId(), "an account id")
                & required(at + ".bytes", row.bytes(), "a whole number, 0 or more")
                & required(at + ".packets", row.packets(), "a whole number, 0 or more")
                & minute(at + ".minute", row.minute())
                & direction(at + ".direction", row.direction())
                & trafficClass(at + ".trafficClass", row.trafficClass());
        if (!ok) {
            return;
        }
        if (row.bytes() < 0 || row.packets() < 0) {
            problem(at + (row.bytes() < 0 ? ".bytes" : ".packets"), "must be 0 or more");
            return;
        }
        // the key alone (bytes and packets 0) finds the row to add to
        UsageRows.Row key = new UsageRows.Row(row.accountId(), row.minute(), row.trafficClass(), row.direction(), 0, 0);
        UsageRows.Row before = summed.get(key);
        try {
            long bytes = before == null ? row.bytes() : Math.addExact(before.bytes(), row.bytes());
            long packets = before == null ? row.packets() : Math.addExact(before.packets(), row.packets());
            summed.put(
                    key,
                    new UsageRows.Row(
                            key.accountId(), key.minute(), key.trafficClass(), key.direction(), bytes, packets));
        } catch (ArithmeticException e) {
            problem(at, "the sum of the rows of this account, minute, direction and class is too large");
        }
    }

    private boolean required(String field, Object value, String what) {
        if (value == null) {
            problem(field, "is required: " + what);
            return false;
        }
        return true;
    }

    private boolean minute(String field, Instant minute) {
        if (minute == null) {
            problem(field, "is required: the minute's start in UTC, such as 2026-12-07T12:34:00Z");
            return false;
        }
        if (!minute.truncatedTo(ChronoUnit.MINUTES).equals(minute)) {
            problem(field, minute + " is not truncated to the minute: seconds (and fractions) must be 0");
            return false;
        }
        if (minute.isBefore(now.minus(limits.maxAge())) || minute.isAfter(now.plus(limits.maxAhead()))) {
            problem(
                    field,
                    minute + " is more than " + days(limits.maxAge()) + " old or more than "
                            + limits.maxAhead().toMinutes() + " minutes ahead of billing's clock (" + now
                            + "): check the exporter's and the collector's clocks");
            return false;
        }
        return true;
    }

    private boolean direction(String field, String direction) {
        if (!"IN".equals(direction) && !"OUT".equals(direction)) {
            problem(field, "must be IN (to the subscriber) or OUT (from the subscriber)");
            return false;
        }
        return true;
    }

    private boolean trafficClass(String field, String code) {
        if (!TrafficClasses.isCode(code)) {
            problem(field, "must be a traffic class code as the map names it, such as internet");
            return false;
        }
        return true;
    }

    private void problem(String field, String what) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.putIfAbsent(field, what);
        } else {
            more++;
        }
    }

    private static String days(Duration d) {
        return d.toDays() + " days";
    }
}
