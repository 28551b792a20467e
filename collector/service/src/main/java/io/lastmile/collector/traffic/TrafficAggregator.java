package io.lastmile.collector.traffic;

import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.FlowSink;
import io.lastmile.collector.traffic.map.SubscriberMap;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Sums every flow into its subscribers' usage per (account, direction, class, minute), bytes and
 * packets scaled by the sampling rate, and traffic of no subscriber per (exporter, minute). Each
 * decoder worker thread adds into a table of its own (its lock is only ever contended by {@link
 * #drain}), so workers never wait on one another.
 *
 * <p>The minute is the flow's end time's; the arrival time's when the flow has none or when its
 * end time is further than {@code maxClockSkew} from the arrival (an exporter with a wrong clock
 * must not spread usage over years).
 */
public final class TrafficAggregator implements FlowSink {

    private final Supplier<SubscriberMap> maps;
    private final ExporterIds exporters;
    private final Clock clock;
    private final long maxSkewMillis;
    private final List<Shard> shards = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Shard> local = ThreadLocal.withInitial(this::newShard);
    private UsageTable drained = new UsageTable();
    // reading the clock costs more than the rest of a flow's work: a ticker sets the time
    // every 100 ms instead; 0 (no ticker) reads the clock per flow
    private volatile long coarseNow;

    TrafficAggregator(Supplier<SubscriberMap> maps, ExporterIds exporters, Clock clock, Duration maxClockSkew) {
        this.maps = maps;
        this.exporters = exporters;
        this.clock = clock;
        this.maxSkewMillis = maxClockSkew.toMillis();
    }

    @Override
    public void accept(FlowRecord flow) {
        long coarse = coarseNow;
        long now = coarse != 0 ? coarse : clock.millis();
        long end = flow.endMillis;
        long minute = (end > 0 && Math.abs(end - now) <= maxSkewMillis ? end : now) / 60_000;
        long bytes = flow.scaledBytes();
        long packets = flow.scaledPackets();
        SubscriberMap map = maps.get();
        int v = flow.ipVersion;
        long source = map.accountOf(flow.srcAddress, v);
        long destination = map.accountOf(flow.dstAddress, v);
        Shard shard = local.get();
        synchronized (shard) {
            UsageTable t = shard.table;
            if (source != SubscriberMap.NO_ACCOUNT) {
                t.add(
                        source,
                        UsageTable.cell(minute, map.classOf(flow.dstAddress, v), UsageTable.OUT),
                        bytes,
                        packets,
                        1);
            }
            if (destination != SubscriberMap.NO_ACCOUNT) {
                t.add(
                        destination,
                        UsageTable.cell(minute, map.classOf(flow.srcAddress, v), UsageTable.IN),
                        bytes,
                        packets,
                        1);
            }
            if (source == SubscriberMap.NO_ACCOUNT && destination == SubscriberMap.NO_ACCOUNT) {
                t.add(
                        -1 - exporters.id(flow.exporter),
                        UsageTable.cell(minute, 0, UsageTable.UNMATCHED),
                        bytes,
                        packets,
                        1);
            }
        }
    }

    /** Sets the time flows are stamped with until the next tick (the collector's ticker calls it). */
    void tick() {
        coarseNow = clock.millis();
    }

    /** No more ticks: read the clock per flow again. */
    void stopTicking() {
        coarseNow = 0;
    }

    /**
     * Everything added since the last drain, merged from every worker. One caller at a time; the
     * table returned is valid until the next call.
     */
    synchronized UsageTable drain() {
        drained.clear();
        for (Shard shard : shards) {
            UsageTable full;
            synchronized (shard) {
                full = shard.table;
                shard.table = shard.spare;
            }
            drained.addAll(full);
            full.clear();
            shard.spare = full;
        }
        return drained;
    }

    private Shard newShard() {
        Shard s = new Shard();
        shards.add(s);
        return s;
    }

    private static final class Shard {
        UsageTable table = new UsageTable(1024);
        UsageTable spare = new UsageTable(1024);
    }
}
