package io.lastmile.billing.api.traffic;

import java.time.Instant;
import java.util.List;

/**
 * An account's traffic from {@code from} (inclusive) to {@code to} (exclusive), per class and
 * direction, in steps of a minute, an hour (UTC) or a day (of the account's time zone). Steps
 * without traffic are left out: a missing point is zero.
 *
 * @param from the start of the first step
 * @param to the end of the last step
 */
public record TrafficChart(
        long accountId, String step, Instant from, Instant to, String timeZone, List<Series> series) {

    /** The points of one class and direction, oldest first, with their totals. */
    public record Series(String trafficClass, String direction, long bytes, long packets, List<Point> points) {}

    /** One step: its start and what it carried. */
    public record Point(Instant at, long bytes, long packets) {}
}
