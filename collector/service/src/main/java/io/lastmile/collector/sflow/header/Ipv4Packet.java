package io.lastmile.collector.sflow.header;

import static io.lastmile.collector.sflow.header.PacketHeaderParser.u16;
import static io.lastmile.collector.sflow.header.PacketHeaderParser.u8;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;

/**
 * An IPv4 header (RFC 791): the header length says where options end; a fragment other than the
 * first (offset not 0) carries no transport header, so its ports stay 0.
 */
final class Ipv4Packet {

    static final int MIN_HEADER = 20;
    private static final int OFFSET_MASK = 0x1FFF;

    private Ipv4Packet() {}

    static void parse(ByteBuffer b, int off, int end, FlowRecord flow) {
        if (end - off < MIN_HEADER) {
            return;
        }
        int versionAndLength = u8(b, off);
        int headerLength = (versionAndLength & 0x0F) * 4;
        if (versionAndLength >>> 4 != 4 || headerLength < MIN_HEADER) {
            return;
        }
        flow.ipVersion = 4;
        int totalLength = u16(b, off + 2);
        if (totalLength >= headerLength && totalLength <= flow.bytes) {
            flow.bytes = totalLength; // IP bytes, as NetFlow counts them (see RawPacketHeader)
        }
        flow.tos = u8(b, off + 1);
        flow.protocol = u8(b, off + 9);
        b.get(off + 12, flow.srcAddress, 0, 4);
        b.get(off + 16, flow.dstAddress, 0, 4);
        if ((u16(b, off + 6) & OFFSET_MASK) != 0) {
            return;
        }
        TransportHeader.parse(flow.protocol, b, off + headerLength, end, flow);
    }
}
