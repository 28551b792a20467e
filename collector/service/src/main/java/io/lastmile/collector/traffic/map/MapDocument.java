package io.lastmile.collector.traffic.map;

import java.util.List;

/** billing's subscriber map as {@code GET /api/v1/traffic/map} answers it (the wire contract). */
public record MapDocument(long version, List<Subscriber> subscribers, List<TrafficClass> classes, String defaultClass) {

    public record Subscriber(long accountId, List<String> prefixes) {}

    public record TrafficClass(String code, List<String> prefixes) {}
}
