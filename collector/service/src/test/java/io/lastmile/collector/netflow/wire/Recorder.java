package io.lastmile.collector.netflow.wire;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Keeps what a decoder reported: copies of the flows, drops by reason, template changes. */
public final class Recorder implements DecodeListener {
    public final List<FlowRecord> flows = new ArrayList<>();
    public final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
    public int templatesKnown = -1;
    public int templateChanges;

    @Override
    public void flow(FlowRecord flow) {
        flows.add(flow.copy());
    }

    @Override
    public void dropped(DropReason reason) {
        drops.merge(reason, 1, Integer::sum);
    }

    @Override
    public void templatesChanged(int known) {
        templatesKnown = known;
        templateChanges++;
    }

    public int drops(DropReason reason) {
        return drops.getOrDefault(reason, 0);
    }

    public int totalDrops() {
        return drops.values().stream().mapToInt(Integer::intValue).sum();
    }

    public FlowRecord only() {
        if (flows.size() != 1) {
            throw new AssertionError("expected one flow, got " + flows.size() + " (drops " + drops + ")");
        }
        return flows.get(0);
    }

    public void clear() {
        flows.clear();
        drops.clear();
    }
}
