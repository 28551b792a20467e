package io.lastmile.collector.decode;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.pcap.PcapStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a decode of a capture did: the capture's frames and datagrams, datagrams, flows and counter
 * samples per protocol, what it skipped and why, and what the decoders dropped (per protocol and reason).
 */
public record DecodeSummary(
        PcapStats capture,
        Map<FlowProtocol, Long> datagrams,
        Map<FlowProtocol, Long> flows,
        Map<FlowProtocol, Long> counterSamples,
        Map<DatagramSkip, Long> skipped,
        Map<FlowProtocol, Map<DropReason, Long>> dropped) {

    public long flowCount() {
        return flows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long dropped(FlowProtocol protocol, DropReason reason) {
        return dropped.getOrDefault(protocol, Map.of()).getOrDefault(reason, 0L);
    }

    /** The summary as the lines {@code ./lastmile decode} prints on stderr. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("decoded " + flowCount() + " flows from " + capture.datagrams() + " UDP datagrams in "
                + capture.frames() + " frames");
        datagrams.forEach((p, n) -> {
            long counters = counterSamples.getOrDefault(p, 0L);
            lines.add("  " + p + ": " + n + " datagrams, " + flows.getOrDefault(p, 0L) + " flows"
                    + (counters == 0 ? "" : ", " + counters + " counter samples"));
        });
        if (!capture.skipped().isEmpty()) {
            lines.add("skipped frames: " + joined(capture.skipped()));
        }
        if (!skipped.isEmpty()) {
            lines.add("skipped datagrams: " + joined(skipped));
        }
        dropped.forEach((p, reasons) -> lines.add("dropped by the " + p + " decoder: " + joined(reasons)));
        return lines;
    }

    private static String joined(Map<?, Long> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) ->
                s.append(s.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        return s.toString();
    }
}
