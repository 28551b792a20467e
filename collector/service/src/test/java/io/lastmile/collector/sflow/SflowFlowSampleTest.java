package io.lastmile.collector.sflow;

import static io.lastmile.collector.sflow.Packets.ethernet;
import static io.lastmile.collector.sflow.Packets.icmp;
import static io.lastmile.collector.sflow.Packets.ipv4;
import static io.lastmile.collector.sflow.Packets.ipv6;
import static io.lastmile.collector.sflow.Packets.tag;
import static io.lastmile.collector.sflow.Packets.tcp;
import static io.lastmile.collector.sflow.Packets.udp;
import static io.lastmile.collector.sflow.Sflow.datagram;
import static io.lastmile.collector.sflow.Sflow.flowSample;
import static io.lastmile.collector.sflow.Sflow.rawHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SflowFlowSampleTest {
    static final InetAddress EXPORTER = Wire.inet("192.0.2.1");
    static final long RECEIVED = 1_796_000_000_000L;

    private final SflowDecoder decoder = new SflowDecoder();

    static RecordingListener decode(SflowDecoder decoder, Wire datagram) {
        RecordingListener out = new RecordingListener();
        decoder.decode(EXPORTER, datagram.buffer(), RECEIVED, out);
        return out;
    }

    private RecordingListener decode(Wire datagram) {
        return decode(decoder, datagram);
    }

    private static Wire ethernetHeaderRecord(long frameLength, Wire frame) {
        return rawHeader(1, frameLength, frame.toArray());
    }

    @Test
    void decodesAFlowSampleWithAnEthernetIpv4TcpHeader() {
        // a full-size frame (14 Ethernet + 1,500 IP + 4 FCS) whose header the agent cut after TCP
        byte[] frame = ethernet(0x0800, ipv4(0xB8, 6, "10.1.2.3", "198.51.100.7", tcp(51_000, 443, 0x12)))
                .toArray();
        frame[16] = (byte) (1500 >> 8);
        frame[17] = (byte) 1500;
        Wire d = datagram("192.0.2.9", flowSample(7, 512, 3, 5, rawHeader(1, 1518, frame)));

        RecordingListener out = decode(d);

        FlowRecord f = out.only();
        assertThat(out.drops).isEmpty();
        assertThat(f.exporter).isEqualTo(EXPORTER);
        assertThat(f.protocolVersion).isEqualTo(FlowProtocol.SFLOW_V5);
        assertThat(f.observationDomain).isEqualTo(7);
        assertThat(f.samplingRate).isEqualTo(512);
        assertThat(f.inputInterface).isEqualTo(3);
        assertThat(f.outputInterface).isEqualTo(5);
        assertThat(f.src()).isEqualTo(Wire.inet("10.1.2.3"));
        assertThat(f.dst()).isEqualTo(Wire.inet("198.51.100.7"));
        assertThat(f.protocol).isEqualTo(6);
        assertThat(f.srcPort).isEqualTo(51_000);
        assertThat(f.dstPort).isEqualTo(443);
        assertThat(f.tcpFlags).isEqualTo(0x12);
        assertThat(f.tos).isEqualTo(0xB8);
        assertThat(f.bytes).as("IP bytes, as NetFlow counts them").isEqualTo(1500);
        assertThat(f.packets).isEqualTo(1);
        assertThat(f.scaledBytes()).isEqualTo(1500L * 512);
        assertThat(f.startMillis).isEqualTo(RECEIVED);
        assertThat(f.endMillis).isEqualTo(RECEIVED);
        assertThat(f.vlan).isZero();
    }

    @Test
    void skipsIpv4OptionsToReachThePorts() {
        byte[] options = {(byte) 0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00}; // router alert, NOPs, EOL
        Wire frame = ethernet(0x0800, ipv4(0, 17, 0x4000, "10.0.0.1", "10.0.0.2", options, udp(5353, 53, 12)));

        FlowRecord f = decode(datagram("192.0.2.9", flowSample(1, 1, 1, 2, ethernetHeaderRecord(70, frame))))
                .only();

        assertThat(f.protocol).isEqualTo(17);
        assertThat(f.srcPort).isEqualTo(5353);
        assertThat(f.dstPort).isEqualTo(53);
    }

    @Test
    void givesPortsOnlyForTheFirstFragment() {
        Wire first = ethernet(0x0800, ipv4(0, 17, 0x2000, "10.0.0.1", "10.0.0.2", new byte[0], udp(1000, 2000, 0)));
        Wire later = ethernet(0x0800, ipv4(0, 17, 0x00B9, "10.0.0.1", "10.0.0.2", new byte[0], udp(1000, 2000, 0)));
        Wire d = datagram(
                "192.0.2.9",
                flowSample(1, 1, 1, 2, ethernetHeaderRecord(1500, first)),
                flowSample(1, 1, 1, 2, ethernetHeaderRecord(1500, later)));

        RecordingListener out = decode(d);

        assertThat(out.flows).hasSize(2);
        assertThat(out.flows.get(0).dstPort).isEqualTo(2000);
        assertThat(out.flows.get(1).protocol).isEqualTo(17);
        assertThat(out.flows.get(1).srcPort).isZero();
        assertThat(out.flows.get(1).dstPort).isZero();
        assertThat(out.flows.get(1).src()).isEqualTo(Wire.inet("10.0.0.1"));
    }

    @Test
    void decodesAVlanTaggedIpv6UdpHeaderThroughAHopByHopOption() {
        Wire hopByHop = Wire.of().u8(17).u8(0).u8(5).u8(2).zeros(4).bytes(udp(40_000, 4789, 8)); // router alert
        Wire ip = ipv6(0x28, 0, "2001:db8::1", "2001:db8:0:1::53", hopByHop);
        Wire frame = Wire.of().bytes(Packets.DST_MAC).bytes(Packets.SRC_MAC).bytes(tag(0x8100, 5, 100));
        frame.u16(0x86DD).bytes(ip);

        FlowRecord f = decode(datagram("192.0.2.9", flowSample(2, 100, 9, 10, ethernetHeaderRecord(128, frame))))
                .only();

        assertThat(f.ipVersion).isEqualTo(6);
        assertThat(f.vlan).isEqualTo(100);
        assertThat(f.src()).isEqualTo(Wire.inet("2001:db8::1"));
        assertThat(f.dst()).isEqualTo(Wire.inet("2001:db8:0:1::53"));
        assertThat(f.tos).isEqualTo(0x28);
        assertThat(f.protocol).isEqualTo(17);
        assertThat(f.srcPort).isEqualTo(40_000);
        assertThat(f.dstPort).isEqualTo(4789);
        assertThat(f.bytes).as("IPv6 header and its 24-byte payload").isEqualTo(64);
    }

    @Test
    void keepsTheOuterVlanOfAQinqFrame() {
        Wire frame = Wire.of().bytes(Packets.DST_MAC).bytes(Packets.SRC_MAC);
        frame.bytes(tag(0x88A8, 0, 300)).bytes(tag(0x8100, 0, 42)).u16(0x0800);
        frame.bytes(ipv4(0, 6, "100.64.0.9", "203.0.113.1", tcp(1234, 80, 0x02)));

        FlowRecord f = decode(datagram("192.0.2.9", flowSample(2, 1, 9, 10, ethernetHeaderRecord(90, frame))))
                .only();

        assertThat(f.vlan).isEqualTo(300);
        assertThat(f.src()).isEqualTo(Wire.inet("100.64.0.9"));
        assertThat(f.dstPort).isEqualTo(80);
        assertThat(f.tcpFlags).isEqualTo(0x02);
    }

    @Test
    void putsIcmpTypeAndCodeInTheDestinationPort() {
        Wire v4 = ethernet(0x0800, ipv4(0, 1, "10.0.0.1", "10.0.0.2", icmp(3, 4)));
        Wire v6 = ethernet(0x86DD, ipv6(0, 58, "2001:db8::1", "2001:db8::2", icmp(128, 0)));
        Wire d = datagram(
                "192.0.2.9",
                flowSample(1, 1, 1, 2, ethernetHeaderRecord(70, v4)),
                flowSample(1, 1, 1, 2, ethernetHeaderRecord(70, v6)));

        RecordingListener out = decode(d);

        assertThat(out.flows).extracting(f -> f.protocol).containsExactly(1, 58);
        assertThat(out.flows).extracting(f -> f.dstPort).containsExactly(3 * 256 + 4, 128 * 256);
        assertThat(out.flows).extracting(f -> f.srcPort).containsExactly(0, 0);
    }

    @Test
    void readsHeadersThatStartAtTheIpLayer() {
        Wire v4 = ipv4(0, 6, "10.9.9.9", "10.8.8.8", tcp(22, 60_000, 0x10));
        Wire v6 = ipv6(0, 6, "2001:db8::9", "2001:db8::8", tcp(22, 60_001, 0x18));
        Wire d = datagram(
                "192.0.2.9",
                flowSample(1, 1, 1, 2, rawHeader(11, 60, v4.toArray())),
                flowSample(1, 1, 1, 2, rawHeader(12, 80, v6.toArray())));

        RecordingListener out = decode(d);

        assertThat(out.flows).extracting(f -> f.ipVersion).containsExactly(4, 6);
        assertThat(out.flows).extracting(f -> f.dstPort).containsExactly(60_000, 60_001);
        assertThat(out.flows).extracting(f -> f.tcpFlags).containsExactly(0x10, 0x18);
    }

    @Test
    void findsIpInsidePppoeSessionsAndMplsStacks() {
        Wire ppp = Wire.of().u8(0x11).u8(0).u16(0x0BAD).u16(60).u16(0x0021);
        ppp.bytes(ipv4(0, 17, "100.64.1.2", "8.8.8.8", udp(33_000, 53, 20)));
        // two labels (100, then 1000 with the bottom-of-stack bit), TTL 64
        Wire mpls = Wire.of().u32((100L << 12) | 64).u32((1000L << 12) | 0x100 | 64);
        mpls.bytes(ipv6(0, 17, "2001:db8::a", "2001:db8::b", udp(123, 123, 48)));
        Wire d = datagram(
                "192.0.2.9",
                flowSample(1, 1, 1, 2, ethernetHeaderRecord(90, ethernet(0x8864, ppp))),
                flowSample(1, 1, 1, 2, ethernetHeaderRecord(120, ethernet(0x8847, mpls))));

        RecordingListener out = decode(d);

        assertThat(out.flows)
                .extracting(FlowRecord::src)
                .containsExactly(Wire.inet("100.64.1.2"), Wire.inet("2001:db8::a"));
        assertThat(out.flows).extracting(f -> f.dstPort).containsExactly(53, 123);
    }

    @Test
    void leavesTheAddressesUnsetForANonIpFrame() {
        Wire arp =
                ethernet(0x0806, Wire.of().u16(1).u16(0x0800).u8(6).u8(4).u16(1).zeros(20));

        FlowRecord f = decode(datagram("192.0.2.9", flowSample(1, 10, 1, 2, ethernetHeaderRecord(64, arp))))
                .only();

        assertThat(f.ipVersion).isZero();
        assertThat(f.src()).isNull();
        assertThat(f.bytes).isEqualTo(64);
        assertThat(f.samplingRate).isEqualTo(10);
    }

    @Test
    void restoresTheBufferOrderAndConsumesTheDatagram() {
        Wire frame = ethernet(0x0800, ipv4(0, 6, "10.0.0.1", "10.0.0.2", tcp(1, 2, 0)));
        ByteBuffer b = datagram("192.0.2.9", flowSample(1, 1, 1, 2, ethernetHeaderRecord(60, frame)))
                .buffer();
        b.order(ByteOrder.LITTLE_ENDIAN);
        RecordingListener out = new RecordingListener();

        decoder.decode(EXPORTER, b, RECEIVED, out);

        assertThat(out.only().dstPort).isEqualTo(2);
        assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void decodesFromTheBuffersPositionToItsLimit() {
        Wire frame = ethernet(0x0800, ipv4(0, 6, "10.0.0.1", "10.0.0.2", tcp(1, 2, 0)));
        byte[] d = datagram("192.0.2.9", flowSample(1, 1, 1, 2, ethernetHeaderRecord(60, frame)))
                .toArray();
        ByteBuffer b = ByteBuffer.allocate(d.length + 20);
        b.position(10).put(d).put(new byte[10]).position(10).limit(10 + d.length);
        RecordingListener out = new RecordingListener();

        decoder.decode(EXPORTER, b, RECEIVED, out);

        assertThat(out.only().srcPort).isEqualTo(1);
        assertThat(out.drops).doesNotContainKey(DropReason.TRUNCATED);
    }
}
