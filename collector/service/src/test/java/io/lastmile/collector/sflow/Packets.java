package io.lastmile.collector.sflow;

/** Sampled packets for raw header records, field by field (Ethernet II, 802.1Q, IPv4, IPv6 ...). */
final class Packets {

    static final byte[] DST_MAC = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
    static final byte[] SRC_MAC = {0x00, 0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xAA};

    private Packets() {}

    static Wire ethernet(int etherType, Wire payload) {
        return Wire.of().bytes(DST_MAC).bytes(SRC_MAC).u16(etherType).bytes(payload);
    }

    /** An 802.1Q (0x8100) or QinQ (0x88A8) tag: TPID, then priority 3 bits, DEI, VLAN id 12 bits. */
    static Wire tag(int tpid, int priority, int vlan) {
        return Wire.of().u16(tpid).u16((priority << 13) | vlan);
    }

    /** IPv4 header with optional options (a multiple of 4 bytes). */
    static Wire ipv4(int tos, int protocol, int flagsAndOffset, String src, String dst, byte[] options, Wire l4) {
        int ihl = 5 + options.length / 4;
        byte[] rest = l4.toArray();
        Wire w = Wire.of().u8(0x40 | ihl).u8(tos).u16(ihl * 4 + rest.length);
        w.u16(0x1234).u16(flagsAndOffset).u8(64).u8(protocol).u16(0).ip(src).ip(dst);
        return w.bytes(options).bytes(rest);
    }

    static Wire ipv4(int tos, int protocol, String src, String dst, Wire l4) {
        return ipv4(tos, protocol, 0x4000, src, dst, new byte[0], l4);
    }

    /** IPv6 header: version 6, traffic class, flow label, payload length, next header, hop limit. */
    static Wire ipv6(int trafficClass, int nextHeader, String src, String dst, Wire payload) {
        byte[] rest = payload.toArray();
        Wire w = Wire.of().u32((6L << 28) | ((long) trafficClass << 20) | 0x12345);
        return w.u16(rest.length).u8(nextHeader).u8(64).ip(src).ip(dst).bytes(rest);
    }

    /** TCP header, 20 bytes: ports, sequence, acknowledgement, offset 5, flags, window ... */
    static Wire tcp(int srcPort, int dstPort, int flags) {
        return Wire.of()
                .u16(srcPort)
                .u16(dstPort)
                .u32(1000)
                .u32(0)
                .u8(0x50)
                .u8(flags)
                .u16(65535)
                .u32(0);
    }

    static Wire udp(int srcPort, int dstPort, int payloadLength) {
        return Wire.of().u16(srcPort).u16(dstPort).u16(8 + payloadLength).u16(0).zeros(payloadLength);
    }

    static Wire icmp(int type, int code) {
        return Wire.of().u8(type).u8(code).u16(0).u32(0x00010001L);
    }
}
