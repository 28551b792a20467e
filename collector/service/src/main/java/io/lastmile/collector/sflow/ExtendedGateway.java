package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DropReason;
import java.nio.ByteBuffer;

/**
 * Extended gateway data (flow record 0:1003): BGP next hop, the router's AS, the source AS, the
 * source peer AS, the AS path to the destination (segments of AS sets or sequences), communities
 * and local preference. The flow's source AS is the source AS; its destination AS is the last AS
 * of the path, or the router's own AS when the path is empty (the destination is local). The BGP
 * next hop is kept only when no extended router record gave the IP next hop.
 */
final class ExtendedGateway {

    private static final int AS_NUMBERS = 12;
    private static final int SEGMENT_HEADER = 8;

    private ExtendedGateway() {}

    static DropReason decode(ByteBuffer b, int p, int end, SflowState s) {
        var flow = s.flow;
        int q = NextHop.read(b, p, end, flow, !s.routerNextHop);
        if (q < 0 || end - q < AS_NUMBERS + 4) {
            return DropReason.BAD_LENGTH;
        }
        long routerAs = Xdr.u32(b, q);
        long srcAs = Xdr.u32(b, q + 4);
        q += AS_NUMBERS;
        long segments = Xdr.u32(b, q);
        q += 4;
        if (!Xdr.countFits(segments, SEGMENT_HEADER, q, end)) {
            return DropReason.BAD_COUNT;
        }
        long lastAs = -1;
        for (long i = 0; i < segments; i++) {
            if (end - q < SEGMENT_HEADER) {
                return DropReason.BAD_LENGTH;
            }
            long count = Xdr.u32(b, q + 4);
            q += SEGMENT_HEADER;
            if (!Xdr.countFits(count, 4, q, end)) {
                return DropReason.BAD_COUNT;
            }
            if (count > 0) {
                lastAs = Xdr.u32(b, q + 4 * ((int) count - 1));
            }
            q += 4 * (int) count;
        }
        DropReason tail = communitiesAndLocalPref(b, q, end);
        if (tail != null) {
            return tail;
        }
        flow.srcAs = srcAs;
        flow.dstAs = lastAs >= 0 ? lastAs : routerAs;
        return null;
    }

    private static DropReason communitiesAndLocalPref(ByteBuffer b, int q, int end) {
        if (end - q < 4) {
            return DropReason.BAD_LENGTH;
        }
        long communities = Xdr.u32(b, q);
        q += 4;
        if (!Xdr.countFits(communities, 4, q, end)) {
            return DropReason.BAD_COUNT;
        }
        q += 4 * (int) communities;
        return end - q < 4 ? DropReason.BAD_LENGTH : null;
    }
}
