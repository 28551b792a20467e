package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.InterfaceCounters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Keeps what a decoder reported: copies of the flows, drops by reason, counters. */
final class RecordingListener implements DecodeListener {
    final List<FlowRecord> flows = new ArrayList<>();
    final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
    final List<InterfaceCounters> counters = new ArrayList<>();

    @Override
    public void flow(FlowRecord flow) {
        flows.add(flow.copy());
    }

    @Override
    public void dropped(DropReason reason) {
        drops.merge(reason, 1, Integer::sum);
    }

    @Override
    public void counters(InterfaceCounters c) {
        counters.add(c);
    }

    FlowRecord only() {
        if (flows.size() != 1) {
            throw new AssertionError("expected one flow, got " + flows.size() + "; drops " + drops);
        }
        return flows.get(0);
    }
}
