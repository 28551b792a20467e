package io.lastmile.collector.decode;

import static io.lastmile.collector.pcap.TestPcap.udp4;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.pcap.TestPcap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** sFlow counter samples: counted in the summary, printed with --counters. */
class DecodeCountersTest {

    private static final byte[] AGENT = {10, 0, 0, 1};
    private static final byte[] COLLECTOR = {10, 0, 0, 2};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void printsGenericInterfaceCountersWhenAskedAndCountsThemAlways() throws Exception {
        Path file = new TestPcap()
                .frame(0, udp4(AGENT, COLLECTOR, 5000, 6343, counterDatagram()))
                .write(dir.resolve("counters.pcap"));

        assertThat(run(file.toString())).isZero();
        assertThat(stdout.size()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("SFLOW_V5: 1 datagrams, 0 flows, 1 counter samples");

        stdout.reset();
        assertThat(run("--counters", file.toString())).isZero();
        List<JsonNode> lines = stdout.toString(StandardCharsets.UTF_8)
                .lines()
                .map(new ObjectMapper()::readTree)
                .toList();
        assertThat(lines).hasSize(1);
        JsonNode c = lines.getFirst().get("counters");
        assertThat(lines.getFirst().get("frame").asLong()).isEqualTo(1);
        assertThat(c.get("agent").asString()).isEqualTo("10.0.0.1");
        assertThat(c.get("ifIndex").asLong()).isEqualTo(12);
        assertThat(c.get("ifSpeed").asLong()).isEqualTo(10_000_000_000L);
        assertThat(c.get("inOctets").asLong()).isEqualTo(5_000_000_000L);
        assertThat(c.get("outOctets").asLong()).isEqualTo(7_000_000_000L);
        assertThat(c.get("inErrors").asLong()).isEqualTo(3);
    }

    private int run(String... args) {
        return DecodeCommand.run(
                args,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                new StandardDecoders());
    }

    /**
     * sFlow v5 (sflow_version_5.txt): the datagram header with an IPv4 agent and one counter sample
     * (format 2) holding one generic interface counters record (format 1, 88 bytes).
     */
    private static byte[] counterDatagram() {
        ByteBuffer r = ByteBuffer.allocate(88);
        r.putInt(12).putInt(6).putLong(10_000_000_000L).putInt(1).putInt(3); // ifIndex, type, speed, dir, status
        r.putLong(5_000_000_000L)
                .putInt(100)
                .putInt(2)
                .putInt(1)
                .putInt(0)
                .putInt(3)
                .putInt(0); // in
        r.putLong(7_000_000_000L).putInt(200).putInt(4).putInt(2).putInt(0).putInt(0); // out
        r.putInt(0); // promiscuous
        ByteBuffer sample = ByteBuffer.allocate(12 + 8 + 88);
        sample.putInt(1).putInt(12).putInt(1); // sequence, source id (class 0, index 12), records
        sample.putInt(1).putInt(88).put(r.array());
        ByteBuffer d = ByteBuffer.allocate(28 + 8 + sample.capacity());
        d.putInt(5).putInt(1).put(AGENT).putInt(0).putInt(1).putInt(1000).putInt(1);
        d.putInt(2).putInt(sample.capacity()).put(sample.array());
        return d.array();
    }
}
