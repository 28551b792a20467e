package io.lastmile.collector.ingest;

import io.lastmile.collector.exporter.ExporterRegistry;
import io.lastmile.collector.exporter.ExporterStats;
import io.lastmile.collector.exporter.InterfaceCountersStore;
import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.FlowSink;
import io.lastmile.collector.flow.InterfaceCounters;
import java.net.InetAddress;

/**
 * What one worker's decoders report to: counts flows and drops for the exporter being decoded and
 * hands each flow to every sink. One per worker thread; nothing here allocates per flow.
 */
final class WorkerListener implements DecodeListener {

    private final FlowSink[] sinks;
    private final ExporterRegistry registry;
    private final InterfaceCountersStore interfaces;
    private final IngestCounters totals;

    private ExporterStats current;
    private InetAddress exporter;
    private FlowProtocol protocol;
    private long nowMillis;
    private long flows;

    WorkerListener(
            FlowSink[] sinks, ExporterRegistry registry, InterfaceCountersStore interfaces, IngestCounters totals) {
        this.sinks = sinks;
        this.registry = registry;
        this.interfaces = interfaces;
        this.totals = totals;
    }

    /** Reports that follow are about this exporter's packet (or, with null, a decoder's tick). */
    void begin(ExporterStats stats, InetAddress from, FlowProtocol protocol, long nowMillis) {
        this.current = stats;
        this.exporter = from;
        this.protocol = protocol;
        this.nowMillis = nowMillis;
        this.flows = 0;
    }

    /** Adds up the packet's flows; returns how many there were. */
    long end() {
        long n = flows;
        if (current != null) {
            current.flows(n);
        }
        totals.flows(n);
        current = null;
        exporter = null;
        flows = 0;
        return n;
    }

    @Override
    public void flow(FlowRecord flow) {
        if (current == null && flow.exporter != null) {
            // a flow released by a tick (held data): count it for the exporter it names
            registry.stats(flow.exporter, nowMillis).flows(1);
            totals.flows(1);
        } else {
            flows++;
        }
        for (FlowSink sink : sinks) {
            sink.accept(flow);
        }
    }

    @Override
    public void dropped(DropReason reason) {
        if (current != null) {
            current.dropped(reason);
            totals.dropped(reason);
        } else {
            totals.droppedUnattributed(reason);
        }
    }

    @Override
    public void templatesChanged(int known) {
        if (current != null && protocol != null) {
            current.templates(protocol, known);
        }
    }

    @Override
    public void counters(InterfaceCounters counters) {
        if (counters != null && exporter != null) {
            interfaces.put(exporter, counters, nowMillis);
        } else if (counters != null && counters.agent() != null) {
            interfaces.put(counters.agent(), counters, nowMillis);
        }
    }
}
