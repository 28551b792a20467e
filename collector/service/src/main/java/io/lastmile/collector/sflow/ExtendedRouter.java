package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DropReason;
import java.nio.ByteBuffer;

/**
 * Extended router data (flow record 0:1002): the IP next hop and the source and destination
 * prefix lengths of the routes used.
 */
final class ExtendedRouter {

    private static final int MAX_PREFIX = 128;

    private ExtendedRouter() {}

    static DropReason decode(ByteBuffer b, int p, int end, SflowState s) {
        var flow = s.flow;
        int q = NextHop.read(b, p, end, flow, true);
        if (q < 0 || end - q < 8) {
            return DropReason.BAD_LENGTH;
        }
        s.routerNextHop = true;
        flow.srcPrefixLength = prefix(Xdr.u32(b, q));
        flow.dstPrefixLength = prefix(Xdr.u32(b, q + 4));
        return null;
    }

    private static int prefix(long length) {
        return length <= MAX_PREFIX ? (int) length : 0;
    }
}
