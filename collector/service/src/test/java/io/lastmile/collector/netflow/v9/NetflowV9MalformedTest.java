package io.lastmile.collector.netflow.v9;

import static io.lastmile.collector.netflow.v9.NetflowV9DecoderTest.NOW;
import static io.lastmile.collector.netflow.v9.NetflowV9DecoderTest.ROUTER;
import static io.lastmile.collector.netflow.v9.NetflowV9DecoderTest.SECS;
import static io.lastmile.collector.netflow.v9.NetflowV9DecoderTest.UPTIME;
import static io.lastmile.collector.netflow.v9.NetflowV9DecoderTest.template;
import static io.lastmile.collector.netflow.wire.Wire.v9;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.wire.Recorder;
import io.lastmile.collector.netflow.wire.Wire;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class NetflowV9MalformedTest {
    NetflowV9Decoder decoder = new NetflowV9Decoder(NetflowProperties.defaults());
    final Recorder out = new Recorder();

    void decode(ByteBuffer packet) {
        decoder.decode(ROUTER, packet, NOW, out);
    }

    @Test
    void truncatedHeaderAndOtherVersions() {
        decode(Wire.of().u16(9).u16(1).u32(1).buffer());
        decode(Wire.of().u16(8).zeros(30).buffer());

        assertThat(out.drops(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(out.drops(DropReason.UNSUPPORTED_VERSION)).isEqualTo(1);
    }

    @Test
    void setLengthZeroOrBelowItsHeaderStopsThePacketInsteadOfLooping() {
        decode(v9(UPTIME, SECS, 1, Wire.of().u16(256).u16(0).u32(0)));
        decode(v9(UPTIME, SECS, 1, Wire.of().u16(256).u16(3).u32(0)));

        assertThat(out.drops(DropReason.BAD_LENGTH)).isEqualTo(2);
        assertThat(out.flows).isEmpty();
    }

    @Test
    void setLongerThanThePacketIsTruncated() {
        decode(v9(
                UPTIME, SECS, 1, template(256, 1, 4), Wire.of().u16(256).u16(40).u32(7)));

        assertThat(out.drops(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(out.flows).isEmpty();
    }

    @Test
    void absurdFieldCountZeroLengthFieldsAndLowTemplateIdsAreBadTemplates() {
        decode(v9(UPTIME, SECS, 1, Wire.of().set(0, Wire.of().u16(256).u16(5000).zeros(64))));
        decode(v9(UPTIME, SECS, 1, template(257, 1, 0, 2, 4)));
        decode(v9(UPTIME, SECS, 1, template(12, 1, 4)));
        decode(v9(UPTIME, SECS, 1, Wire.of().set(0, Wire.of().u16(258).u16(0))));

        assertThat(out.drops(DropReason.BAD_TEMPLATE)).isEqualTo(4);
        assertThat(decoder.templateCount(ROUTER)).isZero();
    }

    @Test
    void templateRecordRunningPastItsSetIsTruncated() {
        decode(v9(
                UPTIME,
                SECS,
                1,
                Wire.of().set(0, Wire.of().u16(256).u16(3).u16(1).u16(4))));

        assertThat(out.drops(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(decoder.templateCount(ROUTER)).isZero();
    }

    @Test
    void aGoodTemplateAfterABadOneInTheSameSetIsStillLearnt() {
        Wire set = Wire.of()
                .set(
                        0,
                        Wire.of()
                                .u16(256)
                                .u16(1)
                                .u16(1)
                                .u16(0)
                                .u16(257)
                                .u16(1)
                                .u16(1)
                                .u16(4));

        decode(v9(UPTIME, SECS, 1, set, Wire.of().set(257, Wire.of().u32(3))));

        assertThat(out.drops(DropReason.BAD_TEMPLATE)).isEqualTo(1);
        assertThat(out.only().bytes).isEqualTo(3);
    }

    @Test
    void recordsLongerThanTheirSetAreTruncated() {
        decode(v9(
                UPTIME,
                SECS,
                1,
                template(256, 1, 4, 2, 4, 8, 4),
                Wire.of().set(256, Wire.of().u32(1).u32(2))));

        assertThat(out.drops(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(out.flows).isEmpty();
    }

    @Test
    void optionsTemplateWithScopeLengthNotAMultipleOfFourIsBad() {
        decode(v9(
                UPTIME,
                SECS,
                1,
                Wire.of()
                        .set(
                                1,
                                Wire.of()
                                        .u16(300)
                                        .u16(3)
                                        .u16(4)
                                        .u16(1)
                                        .u16(4)
                                        .u16(34)
                                        .u16(4))));

        assertThat(out.drops(DropReason.BAD_TEMPLATE)).isEqualTo(1);
    }

    @Test
    void templatesPerExporterAreCapped() {
        decoder = new NetflowV9Decoder(new NetflowProperties(null, null, null, null, 2, null, null, null));

        decode(v9(UPTIME, SECS, 1, template(256, 1, 4), template(257, 1, 4), template(258, 1, 4)));

        assertThat(decoder.templateCount(ROUTER)).isEqualTo(2);
        assertThat(out.drops(DropReason.LIMIT_REACHED)).isEqualTo(1);
    }

    @Test
    void exportersTrackedAreCapped() {
        decoder = new NetflowV9Decoder(new NetflowProperties(null, null, null, null, null, null, 1, null));

        decoder.decode(Wire.address("192.0.2.1"), v9(UPTIME, SECS, 1, template(256, 1, 4)), NOW, out);
        decoder.decode(Wire.address("192.0.2.2"), v9(UPTIME, SECS, 1, template(256, 1, 4)), NOW, out);

        assertThat(out.drops(DropReason.LIMIT_REACHED)).isEqualTo(1);
        assertThat(decoder.templateCount(Wire.address("192.0.2.2"))).isZero();
    }

    @Test
    void fieldsPerTemplateAreCapped() {
        decoder = new NetflowV9Decoder(new NetflowProperties(null, null, null, null, null, 2, null, null));

        decode(v9(UPTIME, SECS, 1, template(256, 1, 4, 2, 4, 8, 4)));

        assertThat(out.drops(DropReason.BAD_TEMPLATE)).isEqualTo(1);
    }
}
