package io.lastmile.collector.ipfix;

import static io.lastmile.collector.ipfix.IpfixDecoderTest.NOW;
import static io.lastmile.collector.ipfix.IpfixDecoderTest.ROUTER;
import static io.lastmile.collector.ipfix.IpfixDecoderTest.SECS;
import static io.lastmile.collector.ipfix.IpfixDecoderTest.templateSet;
import static io.lastmile.collector.netflow.wire.Wire.ipfix;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.wire.Recorder;
import io.lastmile.collector.netflow.wire.Wire;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class IpfixMalformedTest {
    final IpfixDecoder decoder = new IpfixDecoder(NetflowProperties.defaults());
    final Recorder out = new Recorder();

    void decode(ByteBuffer message) {
        decoder.decode(ROUTER, message, NOW, out);
    }

    @Test
    void messageLengthBelowTheHeaderOrPastTheDatagram() {
        decode(Wire.of().u16(10).u16(8).u32(SECS).u32(1).u32(1).buffer());
        decode(Wire.of().u16(10).u16(100).u32(SECS).u32(1).u32(1).buffer());
        decode(Wire.of().u16(10).u16(4).buffer());
        decode(Wire.of().u16(9).u16(16).zeros(12).buffer());

        assertThat(out.drops(DropReason.BAD_LENGTH)).isEqualTo(1);
        assertThat(out.drops(DropReason.TRUNCATED)).isEqualTo(2);
        assertThat(out.drops(DropReason.UNSUPPORTED_VERSION)).isEqualTo(1);
    }

    @Test
    void bytesAfterTheMessageLengthAreIgnored() {
        ByteBuffer message = ipfix(
                SECS, 1, templateSet(256, 1, 4), Wire.of().set(256, Wire.of().u32(5)));
        ByteBuffer longer =
                ByteBuffer.allocate(message.remaining() + 8).put(message).put(new byte[] {1, 0, 0, 8, 0, 0, 0, 0});

        decode(longer.flip());

        assertThat(out.only().bytes).isEqualTo(5);
        assertThat(out.totalDrops()).isZero();
    }

    @Test
    void setLengthZeroStopsTheMessage() {
        decode(ipfix(SECS, 1, Wire.of().u16(256).u16(0).u32(1)));

        assertThat(out.drops(DropReason.BAD_LENGTH)).isEqualTo(1);
    }

    @Test
    void optionsTemplateWithoutScopeOrMoreScopesThanFieldsIsBad() {
        decode(ipfix(
                SECS,
                1,
                Wire.of().set(3, Wire.of().u16(300).u16(1).u16(0).u16(34).u16(4))));
        decode(ipfix(
                SECS,
                1,
                Wire.of().set(3, Wire.of().u16(301).u16(1).u16(2).u16(34).u16(4))));

        assertThat(out.drops(DropReason.BAD_TEMPLATE)).isEqualTo(2);
        assertThat(decoder.templateCount(ROUTER)).isZero();
    }

    @Test
    void enterpriseNumberCutOffByTheSetEndIsTruncated() {
        decode(ipfix(
                SECS,
                1,
                Wire.of().set(2, Wire.of().u16(256).u16(1).u16(0x8001).u16(4).u16(0))));

        assertThat(out.drops(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(decoder.templateCount(ROUTER)).isZero();
    }

    @Test
    void variableLengthRunningPastTheSetIsTruncated() {
        decode(ipfix(
                SECS,
                1,
                templateSet(256, 1, 4, 96, 65535),
                Wire.of().set(256, Wire.of().u32(1).u8(255).u16(400).zeros(10))));

        assertThat(out.drops(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(out.flows).isEmpty();
    }

    @Test
    void zeroLengthFieldAndTooManyFieldsAreBadTemplates() {
        decode(ipfix(SECS, 1, templateSet(256, 1, 0)));
        decode(ipfix(SECS, 1, Wire.of().set(2, Wire.of().u16(257).u16(60000).zeros(40))));

        assertThat(out.drops(DropReason.BAD_TEMPLATE)).isEqualTo(2);
    }

    @Test
    void reservedSetIdsAreSkippedAndTheRestDecoded() {
        decode(ipfix(
                SECS,
                1,
                Wire.of().set(4, Wire.of().u32(0)),
                templateSet(256, 1, 4),
                Wire.of().set(256, Wire.of().u32(8))));

        assertThat(out.drops(DropReason.UNKNOWN_RECORD)).isEqualTo(1);
        assertThat(out.only().bytes).isEqualTo(8);
    }
}
