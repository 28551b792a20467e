package io.lastmile.collector.decode;

import static io.lastmile.collector.pcap.TestPcap.udp4;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.pcap.TestPcap;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture goes through one decoder per protocol, with the capture time as its clock. */
class DecodeRunTest {

    private static final byte[] EXPORTER = {10, 0, 0, 1};
    private static final byte[] COLLECTOR = {10, 0, 0, 2};
    private static final long T0 = 1_796_647_962_000_000L; // capture time, epoch microseconds

    @TempDir
    Path dir;

    @Test
    void decodesDataHeldForATemplateThatCameLaterInTheCapture() throws Exception {
        Path file = new TestPcap()
                .frame(T0, udp4(EXPORTER, COLLECTOR, 5000, 2055, v9(dataSet())))
                .frame(T0 + 500_000, udp4(EXPORTER, COLLECTOR, 5000, 2055, v9(templateSet())))
                .write(dir.resolve("late-template.pcap"));
        List<Long> frames = new ArrayList<>();
        List<FlowRecord> flows = new ArrayList<>();

        DecodeSummary summary = new DecodeRun(DecodeOptions.parse(file.toString()), new StandardDecoders(), (d, f) -> {
                    frames.add(d.frame());
                    flows.add(f.copy());
                })
                .run();

        assertThat(summary.dropped()).isEmpty();
        assertThat(frames).containsExactly(2L);
        assertThat(flows.getFirst().protocolVersion).isEqualTo(FlowProtocol.NETFLOW_V9);
        assertThat(flows.getFirst().src().getHostAddress()).isEqualTo("192.0.2.9");
    }

    @Test
    void countsDataWhoseTemplateNeverCameWhenTheCaptureEnds() throws Exception {
        Path file = new TestPcap()
                .frame(T0, udp4(EXPORTER, COLLECTOR, 5000, 2055, v9(dataSet())))
                .write(dir.resolve("no-template.pcap"));

        DecodeSummary summary =
                new DecodeRun(DecodeOptions.parse(file.toString()), new StandardDecoders(), (d, f) -> {}).run();

        assertThat(summary.flowCount()).isZero();
        assertThat(summary.dropped(FlowProtocol.NETFLOW_V9, DropReason.TEMPLATE_NOT_RECEIVED))
                .isEqualTo(1);
    }

    /** RFC 3954 section 5.1: version 9, count, sysUptime, unix secs, sequence, source id; then the set. */
    private static byte[] v9(byte[] set) {
        ByteBuffer b = ByteBuffer.allocate(20 + set.length);
        b.putShort((short) 9).putShort((short) 1).putInt(1000).putInt((int) (T0 / 1_000_000));
        b.putInt(1).putInt(0).put(set);
        return b.array();
    }

    /** FlowSet 0 with template 256: one field, IPV4_SRC_ADDR (type 8), 4 bytes. */
    private static byte[] templateSet() {
        return ByteBuffer.allocate(12)
                .putShort((short) 0)
                .putShort((short) 12)
                .putShort((short) 256)
                .putShort((short) 1)
                .putShort((short) 8)
                .putShort((short) 4)
                .array();
    }

    /** A data FlowSet of template 256: one record, source 192.0.2.9. */
    private static byte[] dataSet() {
        return ByteBuffer.allocate(8)
                .putShort((short) 256)
                .putShort((short) 8)
                .put(new byte[] {(byte) 192, 0, 2, 9})
                .array();
    }
}
