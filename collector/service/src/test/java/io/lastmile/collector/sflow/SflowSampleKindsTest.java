package io.lastmile.collector.sflow;

import static io.lastmile.collector.sflow.Packets.ipv4;
import static io.lastmile.collector.sflow.Packets.tag;
import static io.lastmile.collector.sflow.Packets.tcp;
import static io.lastmile.collector.sflow.Sflow.counterSample;
import static io.lastmile.collector.sflow.Sflow.datagram;
import static io.lastmile.collector.sflow.Sflow.expandedCounterSample;
import static io.lastmile.collector.sflow.Sflow.expandedFlowSample;
import static io.lastmile.collector.sflow.Sflow.extendedGateway;
import static io.lastmile.collector.sflow.Sflow.extendedRouter;
import static io.lastmile.collector.sflow.Sflow.extendedSwitch;
import static io.lastmile.collector.sflow.Sflow.flowSample;
import static io.lastmile.collector.sflow.Sflow.genericInterfaceCounters;
import static io.lastmile.collector.sflow.Sflow.rawHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.InterfaceCounters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SflowSampleKindsTest {
    private static final long[] AS_SEQUENCE = {2, 64_500, 3356, 15_169};
    private static final long[] AS_SET = {1, 65_001, 65_002};

    private final SflowDecoder decoder = new SflowDecoder();

    private RecordingListener decode(Wire datagram) {
        return SflowFlowSampleTest.decode(decoder, datagram);
    }

    private static Wire header() {
        Wire frame = Wire.of().bytes(Packets.DST_MAC).bytes(Packets.SRC_MAC).bytes(tag(0x8100, 0, 10));
        frame.u16(0x0800).bytes(ipv4(0, 6, "10.0.0.1", "203.0.113.5", tcp(1000, 80, 0x18)));
        return rawHeader(1, 1000, frame.toArray());
    }

    @Test
    void readsTheExpandedFlowSamplesSourceAndInterfaceFormats() {
        Wire d = datagram(
                "192.0.2.9",
                expandedFlowSample(0, 70_000_000L, 4096, 0, 100_000_000L, 2, 3, header()),
                expandedFlowSample(1, 12, 64, 0, 0x3FFFFFFFL, 1, 258, header()));

        RecordingListener out = decode(d);

        assertThat(out.flows).hasSize(2);
        FlowRecord first = out.flows.get(0);
        assertThat(first.observationDomain).isEqualTo(70_000_000L);
        assertThat(first.samplingRate).isEqualTo(4096);
        assertThat(first.inputInterface).isEqualTo(100_000_000L);
        assertThat(first.outputInterface)
                .as("several output interfaces name none")
                .isZero();
        FlowRecord second = out.flows.get(1);
        assertThat(second.observationDomain).isEqualTo((1L << 24) + 12);
        assertThat(second.inputInterface).as("the device itself").isZero();
        assertThat(second.outputInterface).as("discarded").isZero();
        assertThat(second.dstPort).isEqualTo(80);
    }

    @Test
    void readsTheCompactInterfaceFormatBits() {
        long discarded = (1L << 30) | 258;
        long multiple = (2L << 30) | 4;
        Wire d = datagram(
                "192.0.2.9",
                flowSample((1L << 24) | 12, 1, 17, discarded, header()),
                flowSample(12, 1, 0x3FFFFFFFL, multiple, header()),
                flowSample(12, 1, 1_000_000L, 0x3FFFFFFEL, header()));

        RecordingListener out = decode(d);

        assertThat(out.flows).extracting(f -> f.observationDomain).containsExactly((1L << 24) + 12, 12L, 12L);
        assertThat(out.flows).extracting(f -> f.inputInterface).containsExactly(17L, 0L, 1_000_000L);
        assertThat(out.flows).extracting(f -> f.outputInterface).containsExactly(0L, 0L, 0x3FFFFFFEL);
    }

    @Test
    void takesVlanFromExtendedSwitchAndRoutingFromRouterAndGateway() {
        Wire d = datagram(
                "192.0.2.9",
                flowSample(
                        3,
                        256,
                        1,
                        2,
                        header(),
                        extendedSwitch(0, 20),
                        extendedRouter("192.0.2.254", 24, 16),
                        extendedGateway("198.51.100.1", 64_496, 64_499, 64_497, AS_SET, AS_SEQUENCE)));

        FlowRecord f = decode(d).only();

        assertThat(f.vlan).as("switch over the header's tag 10").isEqualTo(20);
        assertThat(f.nextHopAddress()).isEqualTo(Wire.inet("192.0.2.254"));
        assertThat(f.srcPrefixLength).isEqualTo(24);
        assertThat(f.dstPrefixLength).isEqualTo(16);
        assertThat(f.srcAs).isEqualTo(64_499);
        assertThat(f.dstAs).as("the last AS of the path").isEqualTo(15_169);
    }

    @Test
    void usesTheGatewayNextHopAndTheRoutersAsWhenThePathIsEmpty() {
        Wire d = datagram(
                "192.0.2.9",
                flowSample(
                        3, 256, 1, 2, extendedGateway("2001:db8::1", 64_496, 0, 0), header(), extendedSwitch(30, 0)));

        FlowRecord f = decode(d).only();

        assertThat(f.nextHopAddress()).isEqualTo(Wire.inet("2001:db8::1"));
        assertThat(f.nextHopVersion).isEqualTo(6);
        assertThat(f.ipVersion).isEqualTo(4);
        assertThat(f.dstAs).isEqualTo(64_496);
        assertThat(f.vlan).isEqualTo(30);
    }

    @Test
    void usesIpDataRecordsWhenNoHeaderCame() {
        Wire v4Record = Wire.of()
                .item(
                        3,
                        Wire.of()
                                .u32(1400)
                                .u32(6)
                                .ip("10.0.0.7")
                                .ip("10.0.0.8")
                                .u32(443)
                                .u32(50_000)
                                .u32(0x11)
                                .u32(0x20));
        Wire v6Record = Wire.of()
                .item(
                        4,
                        Wire.of()
                                .u32(900)
                                .u32(17)
                                .ip("2001:db8::7")
                                .ip("2001:db8::8")
                                .u32(53)
                                .u32(5353)
                                .u32(0)
                                .u32(0x0A));
        Wire d = datagram("192.0.2.9", flowSample(1, 8, 1, 2, v4Record), flowSample(1, 8, 1, 2, v6Record));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEmpty();
        assertThat(out.flows)
                .extracting(FlowRecord::src)
                .containsExactly(Wire.inet("10.0.0.7"), Wire.inet("2001:db8::7"));
        assertThat(out.flows).extracting(f -> f.bytes).containsExactly(1400L, 900L);
        assertThat(out.flows).extracting(f -> f.packets).containsExactly(1L, 1L);
        assertThat(out.flows).extracting(f -> f.srcPort).containsExactly(443, 53);
        assertThat(out.flows).extracting(f -> f.tcpFlags).containsExactly(0x11, 0);
        assertThat(out.flows).extracting(f -> f.tos).containsExactly(0x20, 0x0A);
    }

    @Test
    void prefersTheRawHeaderOverIpData() {
        Wire v4Record = Wire.of()
                .item(
                        3,
                        Wire.of()
                                .u32(64)
                                .u32(17)
                                .ip("10.9.9.9")
                                .ip("10.9.9.8")
                                .u32(1)
                                .u32(2)
                                .u32(0)
                                .u32(0));

        FlowRecord f = decode(datagram("192.0.2.9", flowSample(1, 8, 1, 2, header(), v4Record)))
                .only();

        assertThat(f.src()).isEqualTo(Wire.inet("10.0.0.1"));
        assertThat(f.bytes)
                .as("the raw header's IP length, not the IP data record's 64")
                .isEqualTo(40);
    }

    @Test
    void reportsGenericInterfaceCountersAndSkipsEthernetCounters() {
        Wire d = datagram(
                "192.0.2.9",
                counterSample(5, Sflow.ethernetCounters(), genericInterfaceCounters(5, 1000)),
                expandedCounterSample(0, 70_000_000L, genericInterfaceCounters(70_000_000L, 5000)));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEmpty();
        assertThat(out.flows).isEmpty();
        assertThat(out.counters).hasSize(2);
        InterfaceCounters c = out.counters.get(0);
        assertThat(c)
                .isEqualTo(new InterfaceCounters(
                        Wire.inet("192.0.2.9"),
                        5,
                        5,
                        6,
                        10_000_000_000L,
                        1,
                        3,
                        1001,
                        1002,
                        1003,
                        1004,
                        1005,
                        1006,
                        1007,
                        1008,
                        1009,
                        1010,
                        1011,
                        1012,
                        1013,
                        1));
        InterfaceCounters e = out.counters.get(1);
        assertThat(e.sourceId()).isEqualTo(70_000_000L);
        assertThat(e.ifIndex()).isEqualTo(70_000_000L);
        assertThat(e.inOctets()).isEqualTo(5001);
        assertThat(e.outErrors()).isEqualTo(5013);
    }

    @Test
    void readsAnIpv6AgentAddress() {
        Wire d = datagram(
                "2001:db8:ffff::1", counterSample(5, genericInterfaceCounters(5, 0)), flowSample(1, 1, 1, 2, header()));

        RecordingListener out = decode(d);

        assertThat(out.counters).extracting(InterfaceCounters::agent).containsExactly(Wire.inet("2001:db8:ffff::1"));
        assertThat(out.only().dst()).isEqualTo(Wire.inet("203.0.113.5"));
    }

    @Test
    void skipsUnknownSamplesAndRecordsByTheirLength() {
        Wire vendorSample = Wire.of().item(4413, 5, Wire.of().u32(1).u32(2).u32(3));
        Wire unknownStandardSample = Wire.of().item(0, 9, Wire.of().u32(1));
        Wire vendorRecord = Wire.of().item(8800, 1, Wire.of().u32(0xDEAD).u32(0xBEEF));
        Wire userRecord = Wire.of()
                .item(1004, Wire.of().u32(3).opaque("alice".getBytes()).u32(3).opaque(new byte[0]));
        Wire ethernetFrame = Wire.of()
                .item(
                        2,
                        Wire.of()
                                .u32(1000)
                                .bytes(Packets.SRC_MAC)
                                .u16(0)
                                .bytes(Packets.DST_MAC)
                                .u16(0)
                                .u32(0x0800));
        Wire d = datagram(
                "192.0.2.9",
                vendorSample,
                flowSample(1, 2, 1, 2, vendorRecord, ethernetFrame, header(), userRecord),
                unknownStandardSample,
                counterSample(5, Wire.of().item(2000, Wire.of().u32(1)), genericInterfaceCounters(5, 0)));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.UNKNOWN_RECORD, 4));
        assertThat(out.only().dstPort).isEqualTo(80);
        assertThat(out.counters).hasSize(1);
    }

    @Test
    void makesNoFlowOfASampleWithoutPacketData() {
        Wire d = datagram("192.0.2.9", flowSample(1, 2, 1, 2, extendedSwitch(5, 5)));

        RecordingListener out = decode(d);

        assertThat(out.flows).isEmpty();
        assertThat(out.drops).isEmpty();
    }

    @Test
    void startsEachSampleFromACleanFlow() {
        Wire d = datagram(
                "192.0.2.9",
                flowSample(1, 2, 1, 2, header(), extendedRouter("192.0.2.254", 24, 16), extendedSwitch(99, 0)),
                flowSample(1, 2, 1, 2, header()));

        RecordingListener out = decode(d);

        assertThat(out.flows).hasSize(2);
        assertThat(out.flows.get(1).nextHopVersion).isZero();
        assertThat(out.flows.get(1).srcPrefixLength).isZero();
        assertThat(out.flows.get(1).vlan).isEqualTo(10);
    }
}
