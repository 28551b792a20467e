package io.lastmile.collector.pcap;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a read of a capture found: its frames, the UDP datagrams handed on, and the frames skipped
 * by reason.
 */
public record PcapStats(long frames, long datagrams, Map<SkipReason, Long> skipped) {

    public PcapStats {
        EnumMap<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
        copy.putAll(skipped);
        skipped = Collections.unmodifiableMap(copy);
    }

    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }
}
