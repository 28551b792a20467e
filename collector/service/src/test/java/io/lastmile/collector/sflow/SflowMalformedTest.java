package io.lastmile.collector.sflow;

import static io.lastmile.collector.sflow.Packets.ethernet;
import static io.lastmile.collector.sflow.Packets.ipv4;
import static io.lastmile.collector.sflow.Packets.tcp;
import static io.lastmile.collector.sflow.Sflow.counterSample;
import static io.lastmile.collector.sflow.Sflow.datagram;
import static io.lastmile.collector.sflow.Sflow.flowSample;
import static io.lastmile.collector.sflow.Sflow.genericInterfaceCounters;
import static io.lastmile.collector.sflow.Sflow.rawHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SflowMalformedTest {
    private final SflowDecoder decoder = new SflowDecoder();

    private RecordingListener decode(Wire datagram) {
        return SflowFlowSampleTest.decode(decoder, datagram);
    }

    private RecordingListener decode(byte[] datagram) {
        RecordingListener out = new RecordingListener();
        decoder.decode(SflowFlowSampleTest.EXPORTER, ByteBuffer.wrap(datagram), 0, out);
        return out;
    }

    private static Wire header() {
        return rawHeader(
                1,
                1000,
                ethernet(0x0800, ipv4(0, 6, "10.0.0.1", "10.0.0.2", tcp(1, 2, 0)))
                        .toArray());
    }

    /** A datagram's head (IPv4 agent) announcing {@code samples} samples, without them. */
    private static Wire head(long samples) {
        return Wire.of().u32(5).u32(1).ip("192.0.2.9").u32(0).u32(1).u32(2).u32(samples);
    }

    /** A flow sample's fields before its records (compact form), then the record count. */
    private static Wire flowSampleHead(long records) {
        return Wire.of().u32(1).u32(1).u32(1).u32(100).u32(0).u32(1).u32(2).u32(records);
    }

    @Test
    void dropsOtherVersions() {
        byte[] v4 = datagram("192.0.2.9", flowSample(1, 1, 1, 2, header())).toArray();
        v4[3] = 4;

        assertThat(decode(v4).drops).isEqualTo(Map.of(DropReason.UNSUPPORTED_VERSION, 1));
    }

    @Test
    void dropsEveryTruncationOfAValidDatagramWithoutThrowing() {
        byte[] whole = datagram(
                        "2001:db8::1",
                        flowSample(1, 1, 1, 2, header(), Sflow.extendedRouter("192.0.2.1", 8, 8)),
                        counterSample(5, genericInterfaceCounters(5, 0)))
                .toArray();
        assertThat(decode(whole).drops).isEmpty();

        for (int length = 0; length < whole.length; length++) {
            RecordingListener out = decode(Arrays.copyOf(whole, length));

            assertThat(out.drops).as("cut at %d", length).isNotEmpty();
            assertThat(out.flows.size() + out.counters.size())
                    .as("cut at %d", length)
                    .isLessThan(2);
        }
    }

    @Test
    void dropsASampleCountAbsurdForTheDatagram() {
        Wire d = head(0xFFFFFFFFL).bytes(flowSample(1, 1, 1, 2, header()));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.BAD_COUNT, 1));
        assertThat(out.flows).isEmpty();
    }

    @Test
    void stopsAtASampleLengthPastTheEndKeepingWhatCameBefore() {
        Wire d = head(2).bytes(flowSample(1, 1, 1, 2, header()))
                .u32(1)
                .u32(10_000)
                .zeros(40);

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.BAD_LENGTH, 1));
        assertThat(out.flows).hasSize(1);
    }

    @Test
    void dropsAnUndefinedAgentAddressType() {
        Wire d = Wire.of().u32(5).u32(3).ip("192.0.2.9").u32(0).u32(1).u32(2).u32(0);

        assertThat(decode(d).drops).isEqualTo(Map.of(DropReason.BAD_LENGTH, 1));
    }

    @Test
    void dropsRecordsOfLengthZeroAndGoesOnWithTheNextSample() {
        Wire zeroHeader = Wire.of().u32(1).u32(0);
        Wire zeroRecords = flowSampleHead(3).bytes(zeroHeader).bytes(zeroHeader).bytes(zeroHeader);
        Wire d = head(2).item(1, zeroRecords).bytes(flowSample(1, 1, 1, 2, header()));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.BAD_LENGTH, 1));
        assertThat(out.only().dstPort).isEqualTo(2);
    }

    @Test
    void skipsZeroLengthUnknownRecordsOneByOne() {
        Wire zeroUnknown = Wire.of().u32(999).u32(0);
        Wire sample = flowSampleHead(3).bytes(zeroUnknown).bytes(zeroUnknown).bytes(header());

        RecordingListener out = decode(head(1).item(1, sample));

        assertThat(out.drops).isEqualTo(Map.of(DropReason.UNKNOWN_RECORD, 2));
        assertThat(out.flows).hasSize(1);
    }

    @Test
    void dropsAHeaderLongerThanItsRecord() {
        byte[] frame = ethernet(0x0800, ipv4(0, 6, "10.0.0.1", "10.0.0.2", tcp(1, 2, 0)))
                .toArray();
        Wire record = Wire.of().u32(1).u32(1000).u32(4).u32(frame.length + 100).bytes(frame);
        Wire d = head(1).item(1, flowSampleHead(1).item(1, record));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.BAD_LENGTH, 1));
        assertThat(out.flows).isEmpty();
    }

    @Test
    void dropsARecordLengthPastItsSample() {
        Wire sample = flowSampleHead(1).u32(1).u32(500).zeros(16);
        Wire d = head(2).item(1, sample).bytes(counterSample(5, genericInterfaceCounters(5, 0)));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.BAD_LENGTH, 1));
        assertThat(out.counters).hasSize(1);
    }

    @Test
    void dropsRecordCountsAbsurdForTheSample() {
        Wire flows = flowSampleHead(1_000_000).bytes(header());
        Wire counters = Wire.of().u32(1).u32(5).u32(0x7FFFFFFF).bytes(genericInterfaceCounters(5, 0));
        Wire d = head(2).item(1, flows).item(2, counters);

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.BAD_COUNT, 2));
        assertThat(out.flows).isEmpty();
        assertThat(out.counters).isEmpty();
    }

    @Test
    void dropsStructuresShorterThanTheirFixedPart() {
        Wire shortFlowSample = Wire.of().item(1, Wire.of().u32(1).u32(1));
        Wire shortCounters = Wire.of()
                .item(2, Wire.of().u32(1).u32(5).u32(1).item(1, Wire.of().zeros(40)));
        Wire shortSwitch = Wire.of().item(1001, Wire.of().u32(10));
        Wire shortIpData = Wire.of().item(3, Wire.of().u32(10).u32(6));
        Wire d = head(4).bytes(shortFlowSample)
                .bytes(shortCounters)
                .item(1, flowSampleHead(2).bytes(header()).bytes(shortSwitch))
                .item(1, flowSampleHead(1).bytes(shortIpData));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.TRUNCATED, 1, DropReason.BAD_LENGTH, 3));
        assertThat(out.flows).isEmpty();
        assertThat(out.counters).isEmpty();
    }

    @Test
    void dropsAGatewayWhoseAsPathRunsPastTheRecord() {
        Wire path = Sflow.address("192.0.2.1")
                .u32(1)
                .u32(2)
                .u32(3)
                .u32(1)
                .u32(2)
                .u32(0x40000000)
                .u32(7);
        Wire badPath = Wire.of().item(1003, path);
        Wire badNextHop = Wire.of().item(1002, Wire.of().u32(7).zeros(24));
        Wire d = head(2).item(1, flowSampleHead(2).bytes(header()).bytes(badPath))
                .item(1, flowSampleHead(2).bytes(badNextHop).bytes(header()));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEqualTo(Map.of(DropReason.BAD_COUNT, 1, DropReason.BAD_LENGTH, 1));
        assertThat(out.flows).isEmpty();
    }

    @Test
    void toleratesGarbageInsideTheSampledPacket() {
        byte[] frame = ethernet(0x0800, ipv4(0, 6, "10.0.0.1", "10.0.0.2", tcp(1, 2, 0)))
                .toArray();
        frame[14] = 0x4F; // IHL 15: the options would run past the captured bytes
        byte[] v6 = ethernet(
                        0x86DD,
                        Packets.ipv6(
                                0,
                                0,
                                "2001:db8::1",
                                "2001:db8::2",
                                Wire.of().u8(0).u8(255)))
                .toArray();
        Wire d = datagram(
                "192.0.2.9",
                flowSample(1, 1, 1, 2, rawHeader(1, 60, frame)),
                flowSample(1, 1, 1, 2, rawHeader(1, 60, v6)),
                flowSample(1, 1, 1, 2, rawHeader(1, 60, new byte[] {1, 2, 3})));

        RecordingListener out = decode(d);

        assertThat(out.drops).isEmpty();
        assertThat(out.flows).extracting(f -> f.ipVersion).containsExactly(4, 6, 0);
        assertThat(out.flows.get(0).dstPort).isZero();
        assertThat(out.flows.get(1).protocol).as("the walk stops at the cut").isZero();
    }
}
