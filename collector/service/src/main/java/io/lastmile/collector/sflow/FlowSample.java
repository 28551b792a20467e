package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import java.nio.ByteBuffer;

/**
 * Flow sample (0:1) and expanded flow sample (0:3): sequence, source id, sampling rate, pool,
 * drops, input and output interface, then the flow records. One sampled packet makes one flow of 1
 * packet and its frame length in bytes, scaled by the sampling rate.
 */
final class FlowSample {

    private static final int COMPACT_SIZE = 32;
    private static final int EXPANDED_SIZE = 44;

    private FlowSample() {}

    static DropReason decode(ByteBuffer b, int p, int end, boolean expanded, SflowState s, DecodeListener out) {
        if (end - p < (expanded ? EXPANDED_SIZE : COMPACT_SIZE)) {
            return DropReason.TRUNCATED;
        }
        s.startFlowSample();
        var flow = s.flow;
        int q = p + 4;
        if (expanded) {
            flow.observationDomain = SourceId.expanded(Xdr.u32(b, q), Xdr.u32(b, q + 4));
            q += 8;
        } else {
            flow.observationDomain = Xdr.u32(b, q);
            q += 4;
        }
        flow.samplingRate = Xdr.u32(b, q);
        q += 12;
        if (expanded) {
            flow.inputInterface = Interface.expanded(Xdr.u32(b, q), Xdr.u32(b, q + 4));
            flow.outputInterface = Interface.expanded(Xdr.u32(b, q + 8), Xdr.u32(b, q + 12));
            q += 16;
        } else {
            flow.inputInterface = Interface.compact(Xdr.u32(b, q));
            flow.outputInterface = Interface.compact(Xdr.u32(b, q + 4));
            q += 8;
        }
        DropReason reason = records(b, q, end, s, out);
        if (reason != null) {
            return reason;
        }
        if (s.sawHeader || s.sawIpData) {
            if (s.sawSwitch && s.switchVlan != 0) {
                flow.vlan = s.switchVlan;
            }
            out.flow(flow);
        }
        return null;
    }

    private static DropReason records(ByteBuffer b, int q, int end, SflowState s, DecodeListener out) {
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
            int recordEnd = q + (int) length;
            DropReason reason = FlowRecords.decode(format, b, q, recordEnd, s, out);
            if (reason != null) {
                return reason;
            }
            q = recordEnd;
        }
        return null;
    }
}
