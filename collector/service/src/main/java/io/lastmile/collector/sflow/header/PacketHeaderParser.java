package io.lastmile.collector.sflow.header;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads the first bytes of a sampled packet (sFlow's raw packet header) into a flow: addresses,
 * protocol, ports, TCP flags, ToS and VLAN. The header is cut wherever the agent cut it, so what
 * is not there is simply left unset: nothing in a sampled packet is an error of the datagram.
 */
public final class PacketHeaderParser {

    /** sFlow header_protocol values. */
    static final long ETHERNET = 1;

    static final long IPV4 = 11;
    static final long IPV6 = 12;
    static final long MPLS = 13;

    private PacketHeaderParser() {}

    /**
     * @param protocol the record's header_protocol
     * @param off the first byte of the header in b
     * @param end the end of the header bytes (b's order must be big-endian)
     */
    public static void parse(long protocol, ByteBuffer b, int off, int end, FlowRecord flow) {
        forgetNetworkFields(flow);
        if (protocol == ETHERNET) {
            EthernetFrame.parse(b, off, end, flow);
        } else if (protocol == IPV4) {
            Ipv4Packet.parse(b, off, end, flow);
        } else if (protocol == IPV6) {
            Ipv6Packet.parse(b, off, end, flow);
        } else if (protocol == MPLS) {
            MplsStack.parse(b, off, end, flow);
        }
    }

    /** A header replaces whatever an IP data record of the same sample said. */
    private static void forgetNetworkFields(FlowRecord flow) {
        flow.ipVersion = 0;
        Arrays.fill(flow.srcAddress, (byte) 0);
        Arrays.fill(flow.dstAddress, (byte) 0);
        flow.protocol = 0;
        flow.srcPort = 0;
        flow.dstPort = 0;
        flow.tcpFlags = 0;
        flow.tos = 0;
    }

    static int u8(ByteBuffer b, int offset) {
        return Byte.toUnsignedInt(b.get(offset));
    }

    static int u16(ByteBuffer b, int offset) {
        return Short.toUnsignedInt(b.getShort(offset));
    }
}
