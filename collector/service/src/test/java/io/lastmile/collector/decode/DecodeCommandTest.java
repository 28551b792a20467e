package io.lastmile.collector.decode;

import static io.lastmile.collector.pcap.TestPcap.udp4;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.pcap.TestPcap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class DecodeCommandTest {

    private static final Path SOFTFLOWD_V5 = Path.of("src/test/resources/captures/softflowd-v5.pcap");
    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};

    private final ObjectMapper json = new ObjectMapper();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void printsEachFlowOfTheCaptureAsOneJsonObjectThenTheSummary() throws Exception {
        int status = run(v5Only(), SOFTFLOWD_V5.toString());

        assertThat(status).isZero();
        List<JsonNode> flows = flows();
        assertThat(flows).hasSize(6);
        for (JsonNode f : flows) {
            assertThat(f.get("frame").asLong()).isEqualTo(1);
            assertThat(f.get("exporter").asString()).isEqualTo("10.77.0.1");
            assertThat(f.get("version").asString()).isEqualTo("NETFLOW_V5");
            assertThat(f.get("ipVersion").asInt()).isEqualTo(4);
            assertThat(Set.of(f.get("src").asString(), f.get("dst").asString()))
                    .containsExactlyInAnyOrder("10.77.0.1", "10.77.0.2");
            assertThat(f.get("protocol").asInt()).isIn(1, 6, 17);
            assertThat(f.get("packets").asLong()).isPositive();
            assertThat(f.get("start").isNull()).isTrue(); // the stand-in decoder reads no times
        }
        assertThat(flows).anySatisfy(f -> {
            assertThat(f.get("protocol").asInt()).isEqualTo(6);
            assertThat(f.get("dstPort").asInt()).isEqualTo(8080);
        });
        assertThat(stderr()).contains("decoded 6 flows from 1 UDP datagrams in 1 frames", "NETFLOW_V5: 1 datagrams");
    }

    @Test
    void takesOnlyTheConfiguredPortsUnlessToldToSniff() throws Exception {
        int status = run(v5Only(), "--netflow-port", "9995", SOFTFLOWD_V5.toString());

        assertThat(status).isZero();
        assertThat(flows()).isEmpty();
        assertThat(stderr()).contains("decoded 0 flows", "skipped datagrams: OTHER_PORT 1");

        stdout.reset();
        stderr.reset();
        assertThat(run(v5Only(), "--netflow-port", "9995", "--sniff", SOFTFLOWD_V5.toString()))
                .isZero();
        assertThat(flows()).hasSize(6);
    }

    @Test
    void countsDatagramsItCouldNotGiveToADecoderAndWhatTheDecoderDropped() throws Exception {
        byte[] v5Header =
                ByteBuffer.allocate(24).putShort((short) 5).putShort((short) 0).array();
        byte[] truncatedV5 = {0, 5, 0, 1};
        byte[] v9 = ByteBuffer.allocate(20).putShort((short) 9).array();
        byte[] dns = "not a flow export".getBytes(StandardCharsets.US_ASCII);
        Path file = new TestPcap()
                .frame(0, udp4(A, B, 1000, 2055, v5Header))
                .frame(0, udp4(A, B, 1000, 2055, new byte[] {0, 5, 0, 1, 0}))
                .frame(0, udp4(A, B, 1000, 2055, truncatedV5))
                .frame(0, udp4(A, B, 1000, 4739, v5Header))
                .frame(0, udp4(A, B, 1000, 2055, v9))
                .frame(0, udp4(A, B, 1000, 2055, dns))
                .frame(0, udp4(A, B, 1000, 53, dns))
                .write(dir.resolve("mixed.pcap"));

        assertThat(run(v5Only(), file.toString())).isZero();

        assertThat(stderr())
                .contains("decoded 0 flows from 7 UDP datagrams in 7 frames")
                .contains("NETFLOW_V5: 3 datagrams, 0 flows")
                .contains("skipped datagrams: OTHER_PORT 1, NOT_FLOW_EXPORT 1, WRONG_PORT_FOR_VERSION 1, NO_DECODER 1")
                .contains("dropped by the NETFLOW_V5 decoder: TRUNCATED 2");
    }

    @Test
    void ticksTheDecodersSoThatHeldDataIsCountedAtTheEnd() throws Exception {
        TestV5Decoder decoder = new TestV5Decoder();
        DecodeRun run = new DecodeRun(DecodeOptions.parse(SOFTFLOWD_V5.toString()), p -> decoder, (d, f) -> {});

        DecodeSummary summary = run.run();

        assertThat(summary.flowCount()).isEqualTo(6);
        assertThat(summary.dropped(FlowProtocol.NETFLOW_V5, DropReason.TRUNCATED))
                .isZero();
        assertThat(decoder.ticks).isEqualTo(2); // once after the first datagram, once at the end
    }

    @Test
    void explainsUsageErrorsAndUnreadableFiles() throws Exception {
        assertThat(run(v5Only())).isEqualTo(2);
        assertThat(stderr()).contains("no capture file given", "usage: ./lastmile decode");
        stderr.reset();
        assertThat(run(v5Only(), "--sflow-port", "70000", "x.pcap")).isEqualTo(2);
        assertThat(stderr()).contains("--sflow-port needs a port from 1 to 65535, not '70000'");
        stderr.reset();
        assertThat(run(v5Only(), dir.resolve("missing.pcap").toString())).isEqualTo(1);
        assertThat(stderr()).contains("cannot read");
        stderr.reset();
        Path cooked = new TestPcap(65535, 113).write(dir.resolve("any.pcap"));
        assertThat(run(v5Only(), cooked.toString())).isEqualTo(1);
        assertThat(stderr()).contains("Linux cooked capture");
    }

    private static Function<FlowProtocol, PacketDecoder> v5Only() {
        return p -> p == FlowProtocol.NETFLOW_V5 ? new TestV5Decoder() : null;
    }

    private int run(Function<FlowProtocol, PacketDecoder> decoders, String... args) {
        return DecodeCommand.run(
                args,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                decoders);
    }

    private List<JsonNode> flows() {
        return stdout.toString(StandardCharsets.UTF_8)
                .lines()
                .map(json::readTree)
                .toList();
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
