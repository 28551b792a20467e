package io.lastmile.collector.traffic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Traffic that matched no subscriber, per exporter and minute, for the NOC: the last {@code window}
 * of minutes, filled at each flush. A sudden rise shows an exporter that sends flows for addresses
 * billing does not know (a new pool not yet in billing, a wrong exporter).
 */
final class UnmatchedTraffic {

    record Minute(String exporter, Instant minute, long bytes, long packets, long flows) {}

    private final Clock clock;
    private final long windowMinutes;
    private final TreeMap<Long, Map<String, long[]>> minutes = new TreeMap<>();

    UnmatchedTraffic(Clock clock, Duration window) {
        this.clock = clock;
        this.windowMinutes = Math.max(1, window.toMinutes());
    }

    synchronized void add(String exporter, long minute, long bytes, long packets, long flows) {
        long[] sums = minutes.computeIfAbsent(minute, m -> new HashMap<>()).computeIfAbsent(exporter, e -> new long[3]);
        sums[0] += bytes;
        sums[1] += packets;
        sums[2] += flows;
    }

    /** Newest minute first, then by exporter. */
    synchronized List<Minute> recent() {
        prune();
        List<Minute> out = new ArrayList<>();
        for (Map.Entry<Long, Map<String, long[]>> m : minutes.descendingMap().entrySet()) {
            Instant at = Instant.ofEpochSecond(m.getKey() * 60);
            m.getValue().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e ->
                            out.add(new Minute(e.getKey(), at, e.getValue()[0], e.getValue()[1], e.getValue()[2])));
        }
        return out;
    }

    synchronized void prune() {
        long oldest = clock.millis() / 60_000 - windowMinutes;
        minutes.headMap(oldest, false).clear();
    }
}
