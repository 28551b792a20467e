package io.lastmile.collector.sflow.header;

import static io.lastmile.collector.sflow.header.PacketHeaderParser.u16;
import static io.lastmile.collector.sflow.header.PacketHeaderParser.u8;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;

/**
 * The transport header's ports: TCP (and its flags), UDP, SCTP, UDP-Lite. ICMP and ICMPv6 have no
 * ports; as NetFlow exporters do, type and code go in the destination port (type x 256 + code),
 * the source port stays 0, so sFlow and NetFlow flows of the same traffic agree.
 */
final class TransportHeader {

    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMPV6 = 58;
    static final int SCTP = 132;
    static final int UDP_LITE = 136;
    private static final int TCP_FLAGS_OFFSET = 13;

    private TransportHeader() {}

    static void parse(int protocol, ByteBuffer b, int p, int end, FlowRecord flow) {
        switch (protocol) {
            case TCP -> {
                ports(b, p, end, flow);
                if (end - p > TCP_FLAGS_OFFSET) {
                    flow.tcpFlags = u8(b, p + TCP_FLAGS_OFFSET);
                }
            }
            case UDP, SCTP, UDP_LITE -> ports(b, p, end, flow);
            case ICMP, ICMPV6 -> {
                if (end - p >= 2) {
                    flow.dstPort = u16(b, p);
                }
            }
            default -> {}
        }
    }

    private static void ports(ByteBuffer b, int p, int end, FlowRecord flow) {
        if (end - p >= 4) {
            flow.srcPort = u16(b, p);
            flow.dstPort = u16(b, p + 2);
        }
    }
}
