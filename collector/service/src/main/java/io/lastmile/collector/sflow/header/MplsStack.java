package io.lastmile.collector.sflow.header;

import static io.lastmile.collector.sflow.header.PacketHeaderParser.u8;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;

/**
 * An MPLS label stack (RFC 3032): 4-byte entries until the bottom-of-stack bit, at most {@link
 * #MAX_LABELS}; the payload is taken for IPv4 or IPv6 by its first nibble.
 */
final class MplsStack {

    static final int MAX_LABELS = 8;

    private MplsStack() {}

    static void parse(ByteBuffer b, int p, int end, FlowRecord flow) {
        for (int labels = 0; labels < MAX_LABELS; labels++) {
            if (end - p < 4) {
                return;
            }
            boolean bottom = (u8(b, p + 2) & 1) != 0;
            p += 4;
            if (bottom) {
                if (end - p < 1) {
                    return;
                }
                int version = u8(b, p) >>> 4;
                if (version == 4) {
                    Ipv4Packet.parse(b, p, end, flow);
                } else if (version == 6) {
                    Ipv6Packet.parse(b, p, end, flow);
                }
                return;
            }
        }
    }
}
