package io.lastmile.collector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./lastmile decode} as an operator runs it: the script, the collector's fat jar (built by
 * the package phase before this test) and its decoders, on a committed capture.
 */
class DecodeCommandIT {

    @Test
    void printsTheFlowsOfACaptureFromTheCollectorJar() throws Exception {
        Path capture = Path.of("src/test/resources/captures/softflowd-v9.pcap").toAbsolutePath();
        ProcessBuilder pb =
                new ProcessBuilder(Path.of("../../lastmile").toAbsolutePath().toString(), "decode", capture.toString());
        pb.environment().put("LASTMILE_SKIP_BUILD", "1");
        Process decode = pb.start();
        byte[] out = decode.getInputStream().readAllBytes();
        String err = new String(decode.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(decode.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(decode.exitValue()).as(err).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> flows = new String(out, StandardCharsets.UTF_8)
                .lines()
                .map(json::readTree)
                .toList();
        assertThat(flows).hasSize(TsharkFlows.of(capture).size());
        assertThat(flows).allSatisfy(f -> {
            assertThat(f.get("version").asString()).isEqualTo("NETFLOW_V9");
            assertThat(f.get("exporter").asString()).isEqualTo("10.77.0.1");
        });
        assertThat(flows).anySatisfy(f -> assertThat(f.get("src").asString()).isEqualTo("fd77::1"));
        assertThat(err).contains("decoded " + flows.size() + " flows from 1 UDP datagrams");
    }
}
