package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.PacketDecoder;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * sFlow version 5 (sflow.org, sflow_version_5.txt): the datagram header and its samples. Flow
 * samples (compact and expanded) become one {@link io.lastmile.collector.flow.FlowRecord} each;
 * generic interface counters go to {@link DecodeListener#counters}. A sample that is malformed is
 * dropped with its reason and the next one is read; a sample or datagram whose length points past
 * the end stops the datagram there (what came before it stays accepted).
 *
 * <p>sFlow has no per-flow state, so one instance serves every exporter and thread; each thread
 * keeps its own reused flow.
 */
public final class SflowDecoder implements PacketDecoder {

    static final int VERSION = 5;
    /** version, agent address type: what must be there before the address. */
    private static final int FIXED_HEAD = 8;
    /** sub-agent id, sequence, uptime, sample count: what follows the address. */
    private static final int FIXED_TAIL = 16;
    /** A sample's data format and length. */
    static final int ITEM_HEADER = 8;

    private final ThreadLocal<SflowState> state = ThreadLocal.withInitial(SflowState::new);

    @Override
    public void decode(InetAddress exporter, ByteBuffer packet, long receivedMillis, DecodeListener out) {
        ByteOrder order = packet.order();
        packet.order(ByteOrder.BIG_ENDIAN);
        try {
            SflowState s = state.get();
            s.startDatagram(exporter, receivedMillis);
            DropReason reason = datagram(packet, packet.position(), packet.limit(), s, out);
            if (reason != null) {
                out.dropped(reason);
            }
        } finally {
            packet.order(order);
            packet.position(packet.limit());
        }
    }

    private static DropReason datagram(ByteBuffer b, int p, int end, SflowState s, DecodeListener out) {
        if (end - p < FIXED_HEAD) {
            return DropReason.TRUNCATED;
        }
        if (b.getInt(p) != VERSION) {
            return DropReason.UNSUPPORTED_VERSION;
        }
        int addressLength = Xdr.addressLength(Xdr.u32(b, p + 4));
        if (addressLength < 0) {
            return DropReason.BAD_LENGTH;
        }
        p += FIXED_HEAD;
        if (end - p < addressLength + FIXED_TAIL) {
            return DropReason.TRUNCATED;
        }
        b.get(p, s.agent, 0, addressLength);
        s.agentVersion = addressLength == 0 ? 0 : addressLength == 4 ? 4 : 6;
        p += addressLength + FIXED_TAIL;
        long count = Xdr.u32(b, p - 4);
        if (!Xdr.countFits(count, ITEM_HEADER, p, end)) {
            return DropReason.BAD_COUNT;
        }
        for (long i = 0; i < count; i++) {
            if (end - p < ITEM_HEADER) {
                return DropReason.TRUNCATED;
            }
            int format = b.getInt(p);
            long length = Xdr.u32(b, p + 4);
            p += ITEM_HEADER;
            if (length > end - p) {
                return DropReason.BAD_LENGTH;
            }
            int sampleEnd = p + (int) length;
            DropReason reason = sample(format, b, p, sampleEnd, s, out);
            if (reason != null) {
                out.dropped(reason);
            }
            p = sampleEnd;
        }
        return null;
    }

    private static DropReason sample(int format, ByteBuffer b, int p, int end, SflowState s, DecodeListener out) {
        if (format >>> 12 != 0) {
            return DropReason.UNKNOWN_RECORD;
        }
        return switch (format) {
            case 1 -> FlowSample.decode(b, p, end, false, s, out);
            case 2 -> CounterSample.decode(b, p, end, false, s, out);
            case 3 -> FlowSample.decode(b, p, end, true, s, out);
            case 4 -> CounterSample.decode(b, p, end, true, s, out);
            default -> DropReason.UNKNOWN_RECORD;
        };
    }
}
