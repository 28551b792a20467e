package io.lastmile.collector.sflow.header;

import static io.lastmile.collector.sflow.header.PacketHeaderParser.u16;
import static io.lastmile.collector.sflow.header.PacketHeaderParser.u8;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;

/**
 * An IPv6 header (RFC 8200) and its extension headers: hop-by-hop (0), routing (43), destination
 * options (60), mobility (135), HIP (139) and shim6 (140) by their 8-byte length, fragment (44,
 * 8 bytes; ports only in the first fragment) and AH (51, 4-byte length). At most {@link
 * #MAX_EXTENSIONS} are walked; ESP and anything unknown end the walk, and its number is the
 * flow's protocol.
 */
final class Ipv6Packet {

    static final int HEADER = 40;
    static final int MAX_EXTENSIONS = 8;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int AUTHENTICATION = 51;
    private static final int DESTINATION = 60;
    private static final int MOBILITY = 135;
    private static final int HIP = 139;
    private static final int SHIM6 = 140;

    private Ipv6Packet() {}

    static void parse(ByteBuffer b, int off, int end, FlowRecord flow) {
        if (end - off < HEADER || u8(b, off) >>> 4 != 6) {
            return;
        }
        flow.ipVersion = 6;
        int payloadLength = u16(b, off + 4); // 0 for a jumbogram: the frame length stays
        if (payloadLength > 0 && HEADER + payloadLength <= flow.bytes) {
            flow.bytes = HEADER + payloadLength; // IP bytes, as NetFlow counts them
        }
        flow.tos = (u16(b, off) >>> 4) & 0xFF;
        b.get(off + 8, flow.srcAddress, 0, 16);
        b.get(off + 24, flow.dstAddress, 0, 16);
        int next = u8(b, off + 6);
        int p = off + HEADER;
        for (int i = 0; i < MAX_EXTENSIONS; i++) {
            if (!isExtension(next) || end - p < 8) {
                break;
            }
            int following = u8(b, p);
            if (next == FRAGMENT) {
                if ((u16(b, p + 2) >>> 3) != 0) {
                    flow.protocol = following;
                    return;
                }
                p += 8;
            } else if (next == AUTHENTICATION) {
                p += (u8(b, p + 1) + 2) * 4;
            } else {
                p += (u8(b, p + 1) + 1) * 8;
            }
            next = following;
        }
        flow.protocol = next;
        if (!isExtension(next)) {
            TransportHeader.parse(next, b, p, end, flow);
        }
    }

    private static boolean isExtension(int next) {
        return switch (next) {
            case HOP_BY_HOP, ROUTING, FRAGMENT, AUTHENTICATION, DESTINATION, MOBILITY, HIP, SHIM6 -> true;
            default -> false;
        };
    }
}
