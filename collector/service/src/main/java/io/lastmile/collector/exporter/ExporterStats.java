package io.lastmile.collector.exporter;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of one exporter, in memory. Written by the one decoder worker that owns the exporter
 * (and by the receiving thread for QUEUE_FULL), read by the API: each counter is atomic on its own.
 */
public final class ExporterStats {

    private static final DropReason[] REASONS = DropReason.values();
    private static final FlowProtocol[] PROTOCOLS = FlowProtocol.values();

    private final InetAddress address;
    private final long firstSeenMillis;
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong flows = new AtomicLong();
    private final AtomicLongArray drops = new AtomicLongArray(REASONS.length);
    private final int[] templates = new int[PROTOCOLS.length];
    private volatile int protocols;
    private volatile long lastSeenMillis;

    ExporterStats(InetAddress address, long nowMillis) {
        this.address = address;
        this.firstSeenMillis = nowMillis;
        this.lastSeenMillis = nowMillis;
    }

    /** One datagram taken for decoding. */
    public void packet(FlowProtocol protocol, int length, long nowMillis) {
        packets.incrementAndGet();
        bytes.addAndGet(length);
        lastSeenMillis = nowMillis;
        if (protocol != null) {
            int bit = 1 << protocol.ordinal();
            if ((protocols & bit) == 0) {
                protocols |= bit;
            }
        }
    }

    public void flows(long n) {
        if (n != 0) {
            flows.addAndGet(n);
        }
    }

    public void dropped(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    /** Templates the decoder of {@code protocol} knows for this exporter. */
    public void templates(FlowProtocol protocol, int known) {
        synchronized (templates) {
            templates[protocol.ordinal()] = Math.max(0, known);
        }
    }

    /** A still-moving copy of the counters, for the API. */
    public Snapshot snapshot() {
        long[] d = new long[REASONS.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = drops.get(i);
        }
        int t = 0;
        synchronized (templates) {
            for (int known : templates) {
                t += known;
            }
        }
        int mask = protocols;
        List<FlowProtocol> seen = new ArrayList<>();
        for (FlowProtocol p : PROTOCOLS) {
            if ((mask & (1 << p.ordinal())) != 0) {
                seen.add(p);
            }
        }
        return new Snapshot(
                address, seen, packets.get(), bytes.get(), flows.get(), t, d, firstSeenMillis, lastSeenMillis);
    }

    public InetAddress address() {
        return address;
    }

    long lastSeenMillis() {
        return lastSeenMillis;
    }

    public long drops(DropReason reason) {
        return drops.get(reason.ordinal());
    }

    /** The counters at one moment; {@code drops} is indexed by {@link DropReason#ordinal()}. */
    public record Snapshot(
            InetAddress address,
            List<FlowProtocol> protocols,
            long packets,
            long bytes,
            long flows,
            int templates,
            long[] drops,
            long firstSeenMillis,
            long lastSeenMillis) {

        public long drops(DropReason reason) {
            return drops[reason.ordinal()];
        }
    }
}
