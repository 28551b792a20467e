package io.lastmile.collector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tshark side of the capture comparison reads what tshark shows, in our field names. */
class TsharkFlowsTest {

    private static final Path CAPTURES = Path.of("src/test/resources/captures");
    /** The first ping's echo request in traffic.pcap: 2026-12-07T12:52:42.555Z. */
    private static final long FIRST_PING_MILLIS = 1_796_647_962_555L;

    @Test
    void readsNetflowV5RecordsWithTheirUptimeTimesMadeAbsolute() throws Exception {
        List<TsharkFlows.Flow> flows = TsharkFlows.of(CAPTURES.resolve("softflowd-v5.pcap"));

        assertThat(flows).hasSize(6).allSatisfy(f -> assertThat(f.frame()).isEqualTo(1));
        Map<String, Object> ping = flows.getFirst().fields();
        assertThat(ping)
                .containsEntry("src", "10.77.0.1")
                .containsEntry("dst", "10.77.0.2")
                .containsEntry("protocol", 1L)
                .containsEntry("packets", 3L)
                .containsEntry("bytes", 252L) // three 84-byte IP packets
                .containsEntry("dstPort", 2048L) // ICMP type 8 code 0, as v5 exporters put it
                .containsEntry("samplingRate", 1L)
                .containsEntry("startMillis", FIRST_PING_MILLIS);
    }

    @Test
    void readsIpfixAbsoluteTimesAndIpv6Addresses() throws Exception {
        List<TsharkFlows.Flow> flows = TsharkFlows.of(CAPTURES.resolve("pmacctd-ipfix.pcap"));

        assertThat(flows).extracting(f -> f.fields().get("src")).contains("10.77.0.1", "fd77:0:0:0:0:0:0:1");
        assertThat(flows.getFirst().fields())
                .containsEntry("startMillis", FIRST_PING_MILLIS)
                .containsEntry("inputInterface", 3L)
                .containsEntry("observationDomain", 7L);
        assertThat(flows)
                .anySatisfy(f ->
                        assertThat(f.fields()).containsEntry("protocol", 6L).containsEntry("dstPort", 8080L));
    }

    @Test
    void readsOneRecordPerSflowFlowSampleFromTheSampledHeader() throws Exception {
        List<TsharkFlows.Flow> flows = TsharkFlows.of(CAPTURES.resolve("pmacctd-sflow.pcap"));

        assertThat(flows).hasSize(52); // every packet of traffic.pcap, sampled at 1 in 1
        assertThat(flows.getFirst().fields())
                .containsEntry("src", "10.77.0.1")
                .containsEntry("protocol", 1L)
                .containsEntry("samplingRate", 1L)
                .containsEntry("inputInterface", 3L)
                .containsEntry("bytes", 84L); // the IP packet: 20 + 8 ICMP + 56 of ping (frame 98, + 4 FCS)
        assertThat(flows).anySatisfy(f -> assertThat(f.fields())
                .containsEntry("protocol", 6L)
                .containsEntry("dstPort", 8080L)
                .containsEntry("tcpFlags", 0x02L));
    }
}
