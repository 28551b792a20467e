package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** An sFlow address (type, then 0, 4 or 16 bytes) read into a flow's next hop. */
final class NextHop {

    private NextHop() {}

    /**
     * @return the offset after the address, or -1 when its type is undefined or it does not fit
     *     before end
     */
    static int read(ByteBuffer b, int p, int end, FlowRecord flow, boolean keep) {
        if (end - p < 4) {
            return -1;
        }
        int length = Xdr.addressLength(Xdr.u32(b, p));
        if (length < 0 || end - p - 4 < length) {
            return -1;
        }
        if (keep) {
            Arrays.fill(flow.nextHop, (byte) 0);
            b.get(p + 4, flow.nextHop, 0, length);
            flow.nextHopVersion = length == 0 ? 0 : length == 4 ? 4 : 6;
        }
        return p + 4 + length;
    }
}
