package io.lastmile.collector.ipfix;

import static io.lastmile.collector.netflow.wire.Wire.ipfix;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.wire.Recorder;
import io.lastmile.collector.netflow.wire.Wire;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class IpfixDecoderTest {
    static final InetAddress ROUTER = Wire.address("192.0.2.1");
    static final long SECS = 1_700_000_000L;
    static final long NOW = SECS * 1000;

    final IpfixDecoder decoder = new IpfixDecoder(NetflowProperties.defaults());
    final Recorder out = new Recorder();

    /** A template record: id, field count, then (id, length) specifiers without enterprise numbers. */
    static Wire templateRecord(int id, int... idLength) {
        Wire w = Wire.of().u16(id).u16(idLength.length / 2);
        for (int v : idLength) {
            w.u16(v);
        }
        return w;
    }

    static Wire templateSet(int id, int... idLength) {
        return Wire.of().set(2, templateRecord(id, idLength));
    }

    /** An options template set with one record whose first {@code scopes} fields are its scope. */
    static Wire optionsSet(int id, int scopes, int... idLength) {
        Wire w = Wire.of().u16(id).u16(idLength.length / 2).u16(scopes);
        for (int v : idLength) {
            w.u16(v);
        }
        return Wire.of().set(3, w);
    }

    void decode(ByteBuffer message) {
        decoder.decode(ROUTER, message, NOW, out);
    }

    @Test
    void decodesRfc7011ExampleTemplateAndDataRecords() {
        // RFC 7011 appendix A.2: sourceIPv4Address, destinationIPv4Address, ipNextHopIPv4Address,
        // packetDeltaCount, octetDeltaCount
        Wire template = templateSet(256, 8, 4, 12, 4, 15, 4, 2, 4, 1, 4);
        Wire data = Wire.of()
                .set(
                        256,
                        Wire.of()
                                .ip("192.0.2.12")
                                .ip("192.0.2.254")
                                .ip("192.0.2.1")
                                .u32(5009)
                                .u32(5344385)
                                .ip("192.0.2.27")
                                .ip("192.0.2.23")
                                .ip("192.0.2.2")
                                .u32(748)
                                .u32(388934)
                                .ip("192.0.2.56")
                                .ip("192.0.2.65")
                                .ip("192.0.2.3")
                                .u32(5)
                                .u32(6534));

        decode(ipfix(SECS, 12345, template, data));

        assertThat(out.totalDrops()).isZero();
        assertThat(out.flows).hasSize(3);
        FlowRecord f = out.flows.get(0);
        assertThat(f.protocolVersion).isEqualTo(FlowProtocol.IPFIX);
        assertThat(f.observationDomain).isEqualTo(12345);
        assertThat(f.src()).isEqualTo(Wire.address("192.0.2.12"));
        assertThat(f.dst()).isEqualTo(Wire.address("192.0.2.254"));
        assertThat(f.nextHopAddress()).isEqualTo(Wire.address("192.0.2.1"));
        assertThat(f.packets).isEqualTo(5009);
        assertThat(f.bytes).isEqualTo(5344385);
        assertThat(out.flows).extracting(r -> r.bytes).containsExactly(5344385L, 388934L, 6534L);
    }

    @Test
    void absoluteTimesInSecondsMillisAndNtpMicroseconds() {
        Wire template = templateSet(256, 150, 4, 151, 4, 152, 8, 153, 8, 154, 8, 155, 8);
        long ntpSeconds = SECS + 2_208_988_800L;
        Wire record = Wire.of()
                .u32(SECS - 60)
                .u32(SECS - 1)
                .u64(NOW - 59_500)
                .u64(NOW - 900)
                .u64((ntpSeconds - 30) << 32 | 0x80000000L)
                .u64((ntpSeconds - 2) << 32);
        Wire secondsOnly = Wire.of().set(257, Wire.of().u32(SECS - 60).u32(SECS - 1));
        Wire ntpOnly = Wire.of()
                .set(258, Wire.of().u64((ntpSeconds - 30) << 32 | 0x80000000L).u64((ntpSeconds - 2) << 32));

        decode(ipfix(
                SECS,
                1,
                template,
                templateSet(257, 150, 4, 151, 4),
                templateSet(258, 154, 8, 155, 8),
                Wire.of().set(256, record),
                secondsOnly,
                ntpOnly));

        assertThat(out.flows).hasSize(3);
        assertThat(out.flows.get(0).startMillis).isEqualTo(NOW - 59_500);
        assertThat(out.flows.get(0).endMillis).isEqualTo(NOW - 900);
        assertThat(out.flows.get(1).startMillis).isEqualTo(NOW - 60_000);
        assertThat(out.flows.get(1).endMillis).isEqualTo(NOW - 1_000);
        assertThat(out.flows.get(2).startMillis).isEqualTo(NOW - 29_500);
        assertThat(out.flows.get(2).endMillis).isEqualTo(NOW - 2_000);
    }

    @Test
    void sysUpTimesAreRelativeToSystemInitTimeFromTheRecordOrOptionsData() {
        long init = NOW - 86_400_000L;
        Wire options = Wire.of().set(400, Wire.of().u32(1).u64(init));
        Wire data = Wire.of().set(256, Wire.of().u32(86_340_000L).u32(86_399_000L));
        Wire inRecord = Wire.of().set(257, Wire.of().u32(1000).u64(NOW - 5000));

        decode(ipfix(
                SECS,
                1,
                optionsSet(400, 1, 149, 4, 160, 8),
                options,
                templateSet(256, 22, 4, 21, 4),
                data,
                templateSet(257, 22, 4, 160, 8),
                inRecord));

        assertThat(out.flows).hasSize(2);
        assertThat(out.flows.get(0).startMillis).isEqualTo(NOW - 60_000);
        assertThat(out.flows.get(0).endMillis).isEqualTo(NOW - 1_000);
        assertThat(out.flows.get(1).startMillis).isEqualTo(NOW - 4000);
    }

    @Test
    void variableLengthFieldsInBothLengthFormsAreSkipped() {
        // applicationName (96) between the addresses and the counter, variable length (65535)
        Wire template = templateSet(256, 8, 4, 96, 65535, 1, 8);
        byte[] longName = new byte[300];
        Wire data = Wire.of()
                .set(
                        256,
                        Wire.of()
                                .ip("10.0.0.1")
                                .u8(3)
                                .bytes("dns".getBytes())
                                .u64(111)
                                .ip("10.0.0.2")
                                .u8(255)
                                .u16(300)
                                .bytes(longName)
                                .u64(222)
                                .ip("10.0.0.3")
                                .u8(0)
                                .u64(333)
                                .zeros(3));

        decode(ipfix(SECS, 1, template, data));

        assertThat(out.totalDrops()).isZero();
        assertThat(out.flows).extracting(f -> f.bytes).containsExactly(111L, 222L, 333L);
        assertThat(out.flows.get(1).src()).isEqualTo(Wire.address("10.0.0.2"));
    }

    @Test
    void enterpriseSpecificFieldsAreSkippedByTheirLength() {
        Wire template = Wire.of()
                .set(
                        2,
                        Wire.of()
                                .u16(256)
                                .u16(4)
                                .u16(8)
                                .u16(4)
                                .u16(0x8000 | 100)
                                .u16(6)
                                .u32(9)
                                .u16(0x8000 | 1)
                                .u16(65535)
                                .u32(29305)
                                .u16(2)
                                .u16(4));
        Wire data = Wire.of()
                .set(256, Wire.of().ip("10.0.0.1").zeros(6).u8(5).zeros(5).u32(77));

        decode(ipfix(SECS, 1, template, data));

        assertThat(out.only().packets).isEqualTo(77);
        assertThat(out.only().src()).isEqualTo(Wire.address("10.0.0.1"));
    }

    @Test
    void withdrawalForgetsOneTemplateAndHoldsLaterData() {
        decode(ipfix(SECS, 1, templateSet(256, 1, 4), templateSet(257, 2, 4)));
        decode(ipfix(SECS, 1, Wire.of().set(2, Wire.of().u16(256).u16(0))));
        decode(ipfix(
                SECS,
                1,
                Wire.of().set(256, Wire.of().u32(1)),
                Wire.of().set(257, Wire.of().u32(2))));

        assertThat(decoder.templateCount(ROUTER)).isEqualTo(1);
        assertThat(out.only().packets).isEqualTo(2);
        assertThat(decoder.heldBytes()).isPositive();
    }

    @Test
    void allTemplatesWithdrawalKeepsOptionsTemplates() {
        decode(ipfix(SECS, 1, templateSet(256, 1, 4), templateSet(257, 2, 4), optionsSet(258, 1, 302, 4, 34, 4)));
        decode(ipfix(SECS, 2, templateSet(256, 1, 4)));
        decode(ipfix(SECS, 1, Wire.of().set(2, Wire.of().u16(2).u16(0))));

        assertThat(decoder.templateCount(ROUTER)).isEqualTo(2);
        assertThat(out.templatesKnown).isEqualTo(2);
        decode(ipfix(SECS, 2, Wire.of().set(256, Wire.of().u32(5))));
        assertThat(out.only().bytes).isEqualTo(5);
    }

    @Test
    void selectorIdScopedOptionsGiveEachSelectorsRate() {
        Wire options = Wire.of()
                .set(300, Wire.of().u32(7).u32(1).u32(999).u32(8).u32(1).u32(99));
        Wire data = Wire.of().set(256, Wire.of().u32(100).u32(7).u32(200).u32(8));

        decode(ipfix(
                SECS, 1, optionsSet(300, 1, 302, 4, 305, 4, 306, 4), options, templateSet(256, 1, 4, 302, 4), data));

        assertThat(out.flows).extracting(f -> f.samplingRate).containsExactly(1000L, 100L);
    }

    @Test
    void samplingIntervalWithoutSelectorIsTheDomainsRate() {
        Wire options = Wire.of().set(300, Wire.of().u32(1).u32(4096));

        decode(ipfix(
                SECS,
                1,
                optionsSet(300, 1, 149, 4, 50, 4),
                options,
                templateSet(256, 1, 4),
                Wire.of().set(256, Wire.of().u32(1))));
        decode(ipfix(
                SECS, 2, templateSet(256, 1, 4), Wire.of().set(256, Wire.of().u32(1))));

        assertThat(out.flows).extracting(f -> f.samplingRate).containsExactly(4096L, 1L);
    }

    @Test
    void totalAndPostCountersAreUsedWhenNoDeltaCame() {
        decode(ipfix(
                SECS,
                1,
                templateSet(256, 85, 8, 86, 8),
                templateSet(257, 23, 4, 24, 4),
                Wire.of().set(256, Wire.of().u64(10_000).u64(10)),
                Wire.of().set(257, Wire.of().u32(20_000).u32(20))));

        assertThat(out.flows).extracting(f -> f.bytes).containsExactly(10_000L, 20_000L);
        assertThat(out.flows).extracting(f -> f.packets).containsExactly(10L, 20L);
    }

    @Test
    void ipv6FlowWithPrefixLengthsNextHopPortsAndVlan() {
        Wire template =
                templateSet(256, 27, 16, 28, 16, 29, 1, 30, 1, 62, 16, 7, 2, 11, 2, 4, 1, 10, 4, 14, 4, 58, 2, 1, 4);
        Wire data = Wire.of()
                .set(
                        256,
                        Wire.of()
                                .ip("2001:db8::10")
                                .ip("2001:db8:1::20")
                                .u8(56)
                                .u8(128)
                                .ip("fe80::1")
                                .u16(5353)
                                .u16(53)
                                .u8(17)
                                .u32(1001)
                                .u32(1002)
                                .u16(42)
                                .u32(64));

        decode(ipfix(SECS, 1, template, data));

        FlowRecord f = out.only();
        assertThat(f.ipVersion).isEqualTo(6);
        assertThat(f.src()).isEqualTo(Wire.address("2001:db8::10"));
        assertThat(f.dst()).isEqualTo(Wire.address("2001:db8:1::20"));
        assertThat(f.srcPrefixLength).isEqualTo(56);
        assertThat(f.dstPrefixLength).isEqualTo(128);
        assertThat(f.nextHopVersion).isEqualTo(6);
        assertThat(f.nextHopAddress()).isEqualTo(Wire.address("fe80::1"));
        assertThat(f.srcPort).isEqualTo(5353);
        assertThat(f.dstPort).isEqualTo(53);
        assertThat(f.protocol).isEqualTo(17);
        assertThat(f.inputInterface).isEqualTo(1001);
        assertThat(f.outputInterface).isEqualTo(1002);
        assertThat(f.vlan).isEqualTo(42);
        assertThat(f.bytes).isEqualTo(64);
    }

    @Test
    void dataBeforeTemplateIsDecodedWhenTheTemplateComes() {
        decoder.decode(
                ROUTER, ipfix(SECS, 1, Wire.of().set(256, Wire.of().u32(1).u32(2))), NOW, out);
        assertThat(out.flows).isEmpty();

        decoder.decode(ROUTER, ipfix(SECS + 2, 1, templateSet(256, 1, 4)), NOW + 2000, out);

        assertThat(out.flows).extracting(f -> f.bytes).containsExactly(1L, 2L);
        assertThat(out.drops(DropReason.TEMPLATE_NOT_RECEIVED)).isZero();
    }
}
