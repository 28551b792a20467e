package io.lastmile.collector.netflow.v9;

import static io.lastmile.collector.netflow.wire.Wire.v9;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.wire.Recorder;
import io.lastmile.collector.netflow.wire.Wire;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetflowV9DecoderTest {
    static final InetAddress ROUTER = Wire.address("192.0.2.1");
    static final long UPTIME = 7_200_000;
    static final long SECS = 1_700_000_000L;
    static final long NOW = SECS * 1000;

    NetflowV9Decoder decoder = new NetflowV9Decoder(NetflowProperties.defaults());
    final Recorder out = new Recorder();

    /** A template FlowSet (id 0) with one template: id, field count, (type, length) pairs. */
    static Wire template(int id, int... typeLength) {
        Wire body = Wire.of().u16(id).u16(typeLength.length / 2);
        for (int v : typeLength) {
            body.u16(v);
        }
        return Wire.of().set(0, body);
    }

    /** RFC 3954 section 8 field types of the usual IPv4 flow template (45 bytes a record). */
    static final int[] IPV4_FLOW = {
        8, 4, 12, 4, 15, 4, 2, 4, 1, 4, 22, 4, 21, 4, 7, 2, 11, 2, 4, 1, 5, 1, 6, 1, 10, 2, 14, 2, 16, 2, 17, 2, 9, 1,
        13, 1
    };

    static Wire ipv4Flow(String src, String dst, long packets, long octets) {
        return Wire.of()
                .ip(src)
                .ip(dst)
                .ip("198.51.100.1")
                .u32(packets)
                .u32(octets)
                .u32(UPTIME - 30_000)
                .u32(UPTIME - 2_000)
                .u16(40000)
                .u16(80)
                .u8(6)
                .u8(0xB8)
                .u8(0x12)
                .u16(5)
                .u16(9)
                .u16(65001)
                .u16(65002)
                .u8(22)
                .u8(8);
    }

    void decode(InetAddress exporter, java.nio.ByteBuffer packet) {
        decoder.decode(exporter, packet, NOW, out);
    }

    @Test
    void decodesDataByItsTemplateWithPaddingAtTheSetEnd() {
        Wire data = Wire.of()
                .set(
                        256,
                        ipv4Flow("10.0.0.1", "203.0.113.5", 10, 5000)
                                .wire(ipv4Flow("10.0.0.2", "203.0.113.6", 3, 180))
                                .zeros(2));

        decode(ROUTER, v9(UPTIME, SECS, 42, template(256, IPV4_FLOW), data));

        assertThat(out.totalDrops()).isZero();
        assertThat(out.templatesKnown).isEqualTo(1);
        assertThat(out.flows).hasSize(2);
        FlowRecord f = out.flows.get(0);
        assertThat(f.protocolVersion).isEqualTo(FlowProtocol.NETFLOW_V9);
        assertThat(f.observationDomain).isEqualTo(42);
        assertThat(f.src()).isEqualTo(Wire.address("10.0.0.1"));
        assertThat(f.dst()).isEqualTo(Wire.address("203.0.113.5"));
        assertThat(f.nextHopAddress()).isEqualTo(Wire.address("198.51.100.1"));
        assertThat(f.packets).isEqualTo(10);
        assertThat(f.bytes).isEqualTo(5000);
        assertThat(f.startMillis).isEqualTo(NOW - 30_000);
        assertThat(f.endMillis).isEqualTo(NOW - 2_000);
        assertThat(f.srcPort).isEqualTo(40000);
        assertThat(f.dstPort).isEqualTo(80);
        assertThat(f.protocol).isEqualTo(6);
        assertThat(f.tos).isEqualTo(0xB8);
        assertThat(f.tcpFlags).isEqualTo(0x12);
        assertThat(f.inputInterface).isEqualTo(5);
        assertThat(f.outputInterface).isEqualTo(9);
        assertThat(f.srcAs).isEqualTo(65001);
        assertThat(f.dstAs).isEqualTo(65002);
        assertThat(f.srcPrefixLength).isEqualTo(22);
        assertThat(f.dstPrefixLength).isEqualTo(8);
        assertThat(f.samplingRate).isEqualTo(1);
        assertThat(out.flows.get(1).bytes).isEqualTo(180);
    }

    @Test
    void uptimeWrapAroundStillGivesTimesBeforeTheExport() {
        long uptime = 5_000; // the 32-bit ms counter wrapped after the flow started
        Wire data = Wire.of().set(256, Wire.of().u32(0xFFFFFFFFL - 4_999).u32(uptime - 1_000));

        decode(ROUTER, v9(uptime, SECS, 0, template(256, 22, 4, 21, 4), data));

        assertThat(out.only().startMillis).isEqualTo(NOW - 10_000);
        assertThat(out.only().endMillis).isEqualTo(NOW - 1_000);
    }

    @Test
    void ipv6AddressesWideCountersVlanAndBgpNextHopWhenNoIpNextHop() {
        int[] fields = {27, 16, 28, 16, 29, 1, 30, 1, 63, 16, 1, 8, 2, 2, 58, 2, 16, 4, 17, 4};
        Wire record = Wire.of()
                .ip("2001:db8::1")
                .ip("2001:db8:ffff::2")
                .u8(48)
                .u8(64)
                .ip("2001:db8::fe")
                .u64(6_000_000_000L)
                .u16(4_000_000 & 0xFFFF)
                .u16(100)
                .u32(4_200_000_000L)
                .u32(64512);

        decode(ROUTER, v9(UPTIME, SECS, 1, template(300, fields), Wire.of().set(300, record)));

        FlowRecord f = out.only();
        assertThat(f.ipVersion).isEqualTo(6);
        assertThat(f.src()).isEqualTo(Wire.address("2001:db8::1"));
        assertThat(f.dst()).isEqualTo(Wire.address("2001:db8:ffff::2"));
        assertThat(f.srcPrefixLength).isEqualTo(48);
        assertThat(f.dstPrefixLength).isEqualTo(64);
        assertThat(f.nextHopAddress()).isEqualTo(Wire.address("2001:db8::fe"));
        assertThat(f.bytes).isEqualTo(6_000_000_000L);
        assertThat(f.packets).isEqualTo(4_000_000 & 0xFFFF);
        assertThat(f.vlan).isEqualTo(100);
        assertThat(f.srcAs).isEqualTo(4_200_000_000L);
        assertThat(f.dstAs).isEqualTo(64512);
        assertThat(f.startMillis).isZero();
    }

    @Test
    void outCountersAreTheCountersWhenTheRecordHasNoInCounters() {
        decode(
                ROUTER,
                v9(
                        UPTIME,
                        SECS,
                        1,
                        template(256, 8, 4, 23, 4, 24, 4),
                        Wire.of().set(256, Wire.of().ip("10.0.0.1").u32(777).u32(7))));

        assertThat(out.only().bytes).isEqualTo(777);
        assertThat(out.only().packets).isEqualTo(7);
    }

    @Test
    void dataBeforeItsTemplateIsHeldThenDecodedWithItsOwnPacketsClock() {
        Wire data = Wire.of().set(256, ipv4Flow("10.0.0.1", "203.0.113.5", 1, 100));
        decoder.decode(ROUTER, v9(UPTIME, SECS, 1, data), NOW, out);
        assertThat(out.flows).isEmpty();
        assertThat(out.totalDrops()).isZero();
        assertThat(decoder.heldBytes()).isPositive();

        decoder.decode(ROUTER, v9(UPTIME + 5_000, SECS + 5, 1, template(256, IPV4_FLOW)), NOW + 5_000, out);

        FlowRecord f = out.only();
        assertThat(f.bytes).isEqualTo(100);
        assertThat(f.startMillis).isEqualTo(NOW - 30_000);
        assertThat(decoder.heldBytes()).isZero();
    }

    @Test
    void heldDataWhoseTemplateNeverComesIsCountedTemplateNotReceived() {
        decoder.decode(
                ROUTER, v9(UPTIME, SECS, 1, Wire.of().set(256, ipv4Flow("10.0.0.1", "10.0.0.2", 1, 1))), NOW, out);
        decoder.tick(NOW + 9_000, out);
        assertThat(out.drops(DropReason.TEMPLATE_NOT_RECEIVED)).isZero();

        decoder.tick(NOW + 10_001, out);
        decoder.decode(ROUTER, v9(UPTIME, SECS, 1, template(256, IPV4_FLOW)), NOW + 11_000, out);

        assertThat(out.drops(DropReason.TEMPLATE_NOT_RECEIVED)).isEqualTo(1);
        assertThat(out.flows).isEmpty();
        assertThat(decoder.heldBytes()).isZero();
    }

    @Test
    void holdIsBoundedPerExporterOldestPushedOut() {
        decoder = new NetflowV9Decoder(new NetflowProperties(null, null, 400, null, null, null, null, null));
        for (int i = 1; i <= 5; i++) {
            decode(ROUTER, v9(UPTIME, SECS, 1, Wire.of().set(256, ipv4Flow("10.0.0." + i, "10.0.1.1", 1, i))));
        }
        // each held set costs 45 bytes + 64 of overhead: three fit in 400
        assertThat(out.drops(DropReason.HOLD_BUFFER_FULL)).isEqualTo(2);

        decode(ROUTER, v9(UPTIME, SECS, 1, template(256, IPV4_FLOW)));

        assertThat(out.flows).extracting(f -> f.bytes).containsExactly(3L, 4L, 5L);
    }

    @Test
    void holdIsBoundedForAllExportersTogether() {
        decoder = new NetflowV9Decoder(new NetflowProperties(null, null, null, 250, null, null, null, null));
        for (int i = 1; i <= 3; i++) {
            decode(
                    Wire.address("192.0.2." + i),
                    v9(UPTIME, SECS, 1, Wire.of().set(256, ipv4Flow("10.0.0.1", "10.0.1.1", 1, i))));
        }

        assertThat(out.drops(DropReason.HOLD_BUFFER_FULL)).isEqualTo(1);
        assertThat(decoder.heldBytes()).isEqualTo(2 * (45 + 64));
    }

    @Test
    void redefinitionReplacesTheLayout() {
        decode(
                ROUTER,
                v9(
                        UPTIME,
                        SECS,
                        1,
                        template(256, 8, 4, 1, 4),
                        Wire.of().set(256, Wire.of().ip("10.0.0.1").u32(1000))));
        decode(
                ROUTER,
                v9(
                        UPTIME,
                        SECS,
                        1,
                        template(256, 1, 4, 8, 4),
                        Wire.of().set(256, Wire.of().u32(2000).ip("10.0.0.2"))));

        assertThat(out.flows).extracting(f -> f.bytes).containsExactly(1000L, 2000L);
        assertThat(out.flows.get(1).src()).isEqualTo(Wire.address("10.0.0.2"));
        assertThat(out.templateChanges).isEqualTo(2);
    }

    @Test
    void refreshingAnUnchangedTemplateIsNotAChange() {
        decode(ROUTER, v9(UPTIME, SECS, 1, template(256, IPV4_FLOW)));
        decode(ROUTER, v9(UPTIME, SECS, 1, template(256, IPV4_FLOW)));

        assertThat(out.templateChanges).isEqualTo(1);
        assertThat(decoder.templateCount(ROUTER)).isEqualTo(1);
    }

    @Test
    void templatesAreScopedByExporterAndSourceId() {
        InetAddress other = Wire.address("192.0.2.2");
        decode(ROUTER, v9(UPTIME, SECS, 1, template(256, 8, 4, 1, 4)));
        decode(other, v9(UPTIME, SECS, 1, template(256, 1, 2, 12, 4)));
        decode(ROUTER, v9(UPTIME, SECS, 2, template(256, 2, 4)));

        decode(
                ROUTER,
                v9(UPTIME, SECS, 1, Wire.of().set(256, Wire.of().ip("10.0.0.1").u32(1000))));
        decode(other, v9(UPTIME, SECS, 1, Wire.of().set(256, Wire.of().u16(2000).ip("10.9.9.9"))));
        decode(ROUTER, v9(UPTIME, SECS, 2, Wire.of().set(256, Wire.of().u32(33))));

        assertThat(out.flows).hasSize(3);
        assertThat(out.flows.get(0).bytes).isEqualTo(1000);
        assertThat(out.flows.get(0).src()).isEqualTo(Wire.address("10.0.0.1"));
        assertThat(out.flows.get(1).bytes).isEqualTo(2000);
        assertThat(out.flows.get(1).dst()).isEqualTo(Wire.address("10.9.9.9"));
        assertThat(out.flows.get(2).packets).isEqualTo(33);
        assertThat(out.flows.get(2).observationDomain).isEqualTo(2);
    }

    @Test
    void aTemplateNotRefreshedWithinTheTimeoutExpires() {
        decoder = new NetflowV9Decoder(
                new NetflowProperties(Duration.ofMinutes(30), null, null, null, null, null, null, null));
        decode(ROUTER, v9(UPTIME, SECS, 1, template(256, 1, 4)));
        decoder.decode(
                ROUTER,
                v9(UPTIME, SECS, 1, Wire.of().set(256, Wire.of().u32(5))),
                NOW + Duration.ofMinutes(29).toMillis(),
                out);
        assertThat(out.flows).hasSize(1);

        decoder.tick(NOW + Duration.ofMinutes(31).toMillis(), out);
        assertThat(decoder.templateCount(ROUTER)).isZero();
        assertThat(out.templatesKnown).isZero();
        decoder.decode(
                ROUTER,
                v9(UPTIME, SECS, 1, Wire.of().set(256, Wire.of().u32(6))),
                NOW + Duration.ofMinutes(31).toMillis(),
                out);

        assertThat(out.flows).hasSize(1);
    }

    /** An options template FlowSet (id 1): scope System, then the option fields. */
    static Wire optionsTemplate(int id, int... typeLength) {
        Wire body = Wire.of().u16(id).u16(4).u16(typeLength.length * 2).u16(1).u16(4);
        for (int v : typeLength) {
            body.u16(v);
        }
        return Wire.of().set(1, body.zeros(2));
    }

    @Test
    void samplingIntervalFromOptionsDataScalesTheFlows() {
        Wire options = Wire.of().set(257, Wire.of().u32(0).u32(1000).u8(2).zeros(3));

        decode(
                ROUTER,
                v9(
                        UPTIME,
                        SECS,
                        1,
                        optionsTemplate(257, 34, 4, 35, 1),
                        options,
                        template(256, 8, 4, 1, 4),
                        Wire.of().set(256, Wire.of().ip("10.0.0.1").u32(1500))));

        assertThat(out.only().samplingRate).isEqualTo(1000);
        assertThat(out.only().scaledBytes()).isEqualTo(1_500_000);
    }

    @Test
    void flowSamplerIdPicksItsSamplersInterval() {
        Wire options = Wire.of()
                .set(
                        257,
                        Wire.of().u32(0).u8(1).u8(2).u32(100).u32(0).u8(2).u8(2).u32(512));
        Wire data =
                Wire.of().set(256, Wire.of().u32(10).u8(2).u32(20).u8(1).u32(30).u8(9));

        decode(
                ROUTER,
                v9(
                        UPTIME,
                        SECS,
                        1,
                        optionsTemplate(257, 48, 1, 49, 1, 50, 4),
                        options,
                        template(256, 1, 4, 48, 1),
                        data));

        assertThat(out.flows).extracting(f -> f.samplingRate).containsExactly(512L, 100L, 1L);
    }

    @Test
    void configuredRateAppliesWhenTheExporterSendsNoSampling() {
        decoder = new NetflowV9Decoder(
                new NetflowProperties(null, null, null, null, null, null, null, Map.of("192.0.2.1", 256L)));

        decode(
                ROUTER,
                v9(
                        UPTIME,
                        SECS,
                        1,
                        template(256, 1, 4),
                        Wire.of().set(256, Wire.of().u32(1))));

        assertThat(out.only().samplingRate).isEqualTo(256);
    }

    @Test
    void reservedFlowSetsAreSkippedByLength() {
        decode(
                ROUTER,
                v9(
                        UPTIME,
                        SECS,
                        1,
                        Wire.of().set(7, Wire.of().u32(1)),
                        template(256, 1, 4),
                        Wire.of().set(256, Wire.of().u32(9))));

        assertThat(out.drops(DropReason.UNKNOWN_RECORD)).isEqualTo(1);
        assertThat(out.only().bytes).isEqualTo(9);
    }
}
