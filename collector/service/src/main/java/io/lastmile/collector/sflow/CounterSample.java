package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import java.nio.ByteBuffer;

/**
 * Counter sample (0:2) and expanded counter sample (0:4): sequence, source id, then counter
 * records. Generic interface counters (record 0:1) are reported; Ethernet, VLAN, processor, host
 * and any other counter records are skipped by their length (they are not drops).
 */
final class CounterSample {

    private static final int COMPACT_SIZE = 12;
    private static final int EXPANDED_SIZE = 16;
    private static final int GENERIC_INTERFACE = 1;

    private CounterSample() {}

    static DropReason decode(ByteBuffer b, int p, int end, boolean expanded, SflowState s, DecodeListener out) {
        if (end - p < (expanded ? EXPANDED_SIZE : COMPACT_SIZE)) {
            return DropReason.TRUNCATED;
        }
        long sourceId;
        int q;
        if (expanded) {
            sourceId = SourceId.expanded(Xdr.u32(b, p + 4), Xdr.u32(b, p + 8));
            q = p + 12;
        } else {
            sourceId = Xdr.u32(b, p + 4);
            q = p + 8;
        }
        long count = Xdr.u32(b, q);
        q += 4;
        if (!Xdr.countFits(count, SflowDecoder.ITEM_HEADER, q, end)) {
            return DropReason.BAD_COUNT;
        }
        for (long i = 0; i < count; i++) {
            if (end - q < SflowDecoder.ITEM_HEADER) {
                return DropReason.TRUNCATED;
            }
            int format = b.getInt(q);
            long length = Xdr.u32(b, q + 4);
            q += SflowDecoder.ITEM_HEADER;
            if (length > end - q) {
                return DropReason.BAD_LENGTH;
            }
            if (format == GENERIC_INTERFACE) {
                if (length < GenericInterfaceCounters.SIZE) {
                    return DropReason.BAD_LENGTH;
                }
                out.counters(GenericInterfaceCounters.read(b, q, s.agentAddress(), sourceId));
            }
            q += (int) length;
        }
        return null;
    }
}
