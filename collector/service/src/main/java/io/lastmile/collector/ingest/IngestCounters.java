package io.lastmile.collector.ingest;

import io.lastmile.collector.flow.DropReason;
import java.util.concurrent.atomic.LongAdder;

/**
 * Totals over all exporters (for metrics), and the drops no exporter can be blamed for: those a
 * decoder reports from {@code tick} (held data that expired).
 */
public final class IngestCounters {

    private static final int REASONS = DropReason.values().length;

    private final LongAdder packets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder flows = new LongAdder();
    private final LongAdder[] drops = adders();
    private final LongAdder[] unattributed = adders();

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[REASONS];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void packet(int length) {
        packets.increment();
        bytes.add(length);
    }

    void flows(long n) {
        if (n != 0) {
            flows.add(n);
        }
    }

    void dropped(DropReason reason) {
        drops[reason.ordinal()].increment();
    }

    void droppedUnattributed(DropReason reason) {
        dropped(reason);
        unattributed[reason.ordinal()].increment();
    }

    public long packets() {
        return packets.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long flows() {
        return flows.sum();
    }

    public long drops(DropReason reason) {
        return drops[reason.ordinal()].sum();
    }

    public long unattributedDrops(DropReason reason) {
        return unattributed[reason.ordinal()].sum();
    }
}
