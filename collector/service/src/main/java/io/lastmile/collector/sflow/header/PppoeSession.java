package io.lastmile.collector.sflow.header;

import static io.lastmile.collector.sflow.header.PacketHeaderParser.u16;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;

/**
 * A PPPoE session frame (RFC 2516): version and type, code, session id, length, then the PPP
 * protocol (0x0021 IPv4, 0x0057 IPv6) and the IP packet.
 */
final class PppoeSession {

    private static final int HEADER = 8;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;

    private PppoeSession() {}

    static void parse(ByteBuffer b, int p, int end, FlowRecord flow) {
        if (end - p < HEADER) {
            return;
        }
        int protocol = u16(b, p + 6);
        if (protocol == PPP_IPV4) {
            Ipv4Packet.parse(b, p + HEADER, end, flow);
        } else if (protocol == PPP_IPV6) {
            Ipv6Packet.parse(b, p + HEADER, end, flow);
        }
    }
}
