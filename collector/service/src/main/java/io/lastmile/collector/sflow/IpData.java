package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DropReason;
import java.nio.ByteBuffer;

/**
 * IPv4 data (flow record 0:3) and IPv6 data (0:4): what an agent that sends no raw header says
 * of the packet (length, protocol, addresses, ports, TCP flags, ToS or priority). Used only when
 * the sample carries no raw packet header, which says more.
 */
final class IpData {

    private static final int V4_SIZE = 32;
    private static final int V6_SIZE = 56;

    private IpData() {}

    static DropReason decodeV4(ByteBuffer b, int p, int end, SflowState s) {
        if (end - p < V4_SIZE) {
            return DropReason.BAD_LENGTH;
        }
        if (!s.sawHeader) {
            fill(b, p, 4, s);
        }
        return null;
    }

    static DropReason decodeV6(ByteBuffer b, int p, int end, SflowState s) {
        if (end - p < V6_SIZE) {
            return DropReason.BAD_LENGTH;
        }
        if (!s.sawHeader) {
            fill(b, p, 16, s);
        }
        return null;
    }

    private static void fill(ByteBuffer b, int p, int addressLength, SflowState s) {
        var flow = s.flow;
        flow.bytes = Xdr.u32(b, p);
        flow.packets = 1;
        flow.protocol = (int) (Xdr.u32(b, p + 4) & 0xFF);
        flow.ipVersion = addressLength == 4 ? 4 : 6;
        int q = p + 8;
        b.get(q, flow.srcAddress, 0, addressLength);
        b.get(q + addressLength, flow.dstAddress, 0, addressLength);
        q += 2 * addressLength;
        flow.srcPort = (int) (Xdr.u32(b, q) & 0xFFFF);
        flow.dstPort = (int) (Xdr.u32(b, q + 4) & 0xFFFF);
        flow.tcpFlags = (int) (Xdr.u32(b, q + 8) & 0xFF);
        flow.tos = (int) (Xdr.u32(b, q + 12) & 0xFF);
        s.sawIpData = true;
    }
}
