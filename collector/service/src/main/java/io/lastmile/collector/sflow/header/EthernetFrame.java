package io.lastmile.collector.sflow.header;

import static io.lastmile.collector.sflow.header.PacketHeaderParser.u16;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;

/**
 * An Ethernet II frame: destination and source MAC, then EtherType; 802.1Q (0x8100) and QinQ
 * (0x88A8, 0x9100) tags are walked (at most {@link #MAX_TAGS}), the outer tag's VLAN id kept.
 * Carries IPv4, IPv6, MPLS or PPPoE session frames (an access network's subscribers' traffic);
 * 802.3 frames with a length instead of a type carry no IP for us.
 */
final class EthernetFrame {

    static final int HEADER = 14;
    static final int MAX_TAGS = 4;
    static final int TYPE_IPV4 = 0x0800;
    static final int TYPE_IPV6 = 0x86DD;
    static final int TYPE_VLAN = 0x8100;
    static final int TYPE_QINQ = 0x88A8;
    static final int TYPE_QINQ_OLD = 0x9100;
    static final int TYPE_MPLS = 0x8847;
    static final int TYPE_MPLS_MULTICAST = 0x8848;
    static final int TYPE_PPPOE_SESSION = 0x8864;

    private EthernetFrame() {}

    static void parse(ByteBuffer b, int off, int end, FlowRecord flow) {
        if (end - off < HEADER) {
            return;
        }
        int type = u16(b, off + 12);
        int p = off + HEADER;
        for (int tags = 0; isTag(type) && tags < MAX_TAGS; tags++) {
            if (end - p < 4) {
                return;
            }
            if (tags == 0) {
                flow.vlan = u16(b, p) & 0x0FFF;
            }
            type = u16(b, p + 2);
            p += 4;
        }
        payload(type, b, p, end, flow);
    }

    static void payload(int etherType, ByteBuffer b, int p, int end, FlowRecord flow) {
        switch (etherType) {
            case TYPE_IPV4 -> Ipv4Packet.parse(b, p, end, flow);
            case TYPE_IPV6 -> Ipv6Packet.parse(b, p, end, flow);
            case TYPE_MPLS, TYPE_MPLS_MULTICAST -> MplsStack.parse(b, p, end, flow);
            case TYPE_PPPOE_SESSION -> PppoeSession.parse(b, p, end, flow);
            default -> {}
        }
    }

    private static boolean isTag(int type) {
        return type == TYPE_VLAN || type == TYPE_QINQ || type == TYPE_QINQ_OLD;
    }
}
