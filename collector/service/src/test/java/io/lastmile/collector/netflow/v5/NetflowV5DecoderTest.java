package io.lastmile.collector.netflow.v5;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.wire.Recorder;
import io.lastmile.collector.netflow.wire.Wire;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetflowV5DecoderTest {
    private static final InetAddress ROUTER = Wire.address("192.0.2.1");
    private static final long UPTIME = 3_600_000;
    private static final long SECS = 1_700_000_000L;

    private final NetflowV5Decoder decoder = new NetflowV5Decoder(
            new NetflowProperties(null, null, null, null, null, null, null, Map.of("192.0.2.9", 64L)));
    private final Recorder out = new Recorder();

    /** Cisco's v5 header: version, count, sysUptime, unix secs/nsecs, sequence, engine, sampling. */
    private static Wire header(int count, int sampling) {
        return Wire.of()
                .u16(5)
                .u16(count)
                .u32(UPTIME)
                .u32(SECS)
                .u32(250_000_000)
                .u32(77)
                .u8(1)
                .u8(2)
                .u16(sampling);
    }

    /** One 48-byte record. */
    private static Wire record(String src, String dst, int srcPort, long octets) {
        return Wire.of()
                .ip(src)
                .ip(dst)
                .ip("198.51.100.1")
                .u16(3)
                .u16(7)
                .u32(12)
                .u32(octets)
                .u32(UPTIME - 60_000)
                .u32(UPTIME - 1_000)
                .u16(srcPort)
                .u16(443)
                .u8(0)
                .u8(0x1B)
                .u8(6)
                .u8(0x28)
                .u16(64500)
                .u16(64501)
                .u8(24)
                .u8(16)
                .u16(0);
    }

    @Test
    void decodesEveryFieldOfEachRecordWithTimesFromTheHeaderClock() {
        ByteBuffer packet = header(2, 0x4000 | 100)
                .wire(record("10.1.2.3", "203.0.113.9", 51000, 9000))
                .wire(record("10.1.2.4", "203.0.113.10", 51001, 1500))
                .buffer();

        decoder.decode(ROUTER, packet, 0, out);

        assertThat(out.flows).hasSize(2);
        assertThat(out.totalDrops()).isZero();
        FlowRecord f = out.flows.get(0);
        assertThat(f.protocolVersion).isEqualTo(FlowProtocol.NETFLOW_V5);
        assertThat(f.exporter).isEqualTo(ROUTER);
        assertThat(f.src()).isEqualTo(Wire.address("10.1.2.3"));
        assertThat(f.dst()).isEqualTo(Wire.address("203.0.113.9"));
        assertThat(f.nextHopAddress()).isEqualTo(Wire.address("198.51.100.1"));
        assertThat(f.inputInterface).isEqualTo(3);
        assertThat(f.outputInterface).isEqualTo(7);
        assertThat(f.packets).isEqualTo(12);
        assertThat(f.bytes).isEqualTo(9000);
        assertThat(f.srcPort).isEqualTo(51000);
        assertThat(f.dstPort).isEqualTo(443);
        assertThat(f.tcpFlags).isEqualTo(0x1B);
        assertThat(f.protocol).isEqualTo(6);
        assertThat(f.tos).isEqualTo(0x28);
        assertThat(f.srcAs).isEqualTo(64500);
        assertThat(f.dstAs).isEqualTo(64501);
        assertThat(f.srcPrefixLength).isEqualTo(24);
        assertThat(f.dstPrefixLength).isEqualTo(16);
        assertThat(f.observationDomain).isEqualTo(0x0102);
        long exportMillis = SECS * 1000 + 250;
        assertThat(f.startMillis).isEqualTo(exportMillis - 60_000);
        assertThat(f.endMillis).isEqualTo(exportMillis - 1_000);
        assertThat(f.samplingRate).isEqualTo(100);
        assertThat(f.scaledBytes()).isEqualTo(900_000);
        assertThat(out.flows.get(1).srcPort).isEqualTo(51001);
        assertThat(out.flows.get(1).bytes).isEqualTo(1500);
    }

    @Test
    void samplingFieldWithoutModeBitsFallsBackToTheConfiguredRate() {
        decoder.decode(
                Wire.address("192.0.2.9"),
                header(1, 100).wire(record("10.0.0.1", "10.0.0.2", 1, 1)).buffer(),
                0,
                out);
        decoder.decode(
                ROUTER, header(1, 0).wire(record("10.0.0.1", "10.0.0.2", 1, 1)).buffer(), 0, out);

        assertThat(out.flows.get(0).samplingRate).isEqualTo(64);
        assertThat(out.flows.get(1).samplingRate).isEqualTo(1);
    }

    @Test
    void countBeyondTheDatagramDecodesTheWholeRecordsAndCountsBadCount() {
        ByteBuffer packet = header(3, 0)
                .wire(record("10.0.0.1", "10.0.0.2", 1, 1))
                .wire(record("10.0.0.3", "10.0.0.4", 2, 1))
                .zeros(20)
                .buffer();

        decoder.decode(ROUTER, packet, 0, out);

        assertThat(out.flows).extracting(f -> f.srcPort).containsExactly(1, 2);
        assertThat(out.drops(DropReason.BAD_COUNT)).isEqualTo(1);
    }

    @Test
    void countAboveThirtyIsBadCount() {
        Wire w = header(31, 0);
        for (int i = 0; i < 31; i++) {
            w.wire(record("10.0.0.1", "10.0.0.2", i, 1));
        }
        decoder.decode(ROUTER, w.buffer(), 0, out);

        assertThat(out.drops(DropReason.BAD_COUNT)).isEqualTo(1);
        assertThat(out.flows).hasSize(30);
    }

    @Test
    void truncatedHeaderAndOtherVersionsAreDroppedByReason() {
        decoder.decode(ROUTER, Wire.of().u16(5).u16(1).u32(0).buffer(), 0, out);
        decoder.decode(ROUTER, Wire.of().u16(7).zeros(22).buffer(), 0, out);

        assertThat(out.drops(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(out.drops(DropReason.UNSUPPORTED_VERSION)).isEqualTo(1);
        assertThat(out.flows).isEmpty();
    }
}
