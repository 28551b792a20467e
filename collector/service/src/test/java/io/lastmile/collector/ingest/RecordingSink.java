package io.lastmile.collector.ingest;

import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.FlowSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps a copy of every flow it is handed. */
final class RecordingSink implements FlowSink {

    final List<FlowRecord> flows = new CopyOnWriteArrayList<>();

    @Override
    public void accept(FlowRecord flow) {
        flows.add(flow.copy());
    }
}
