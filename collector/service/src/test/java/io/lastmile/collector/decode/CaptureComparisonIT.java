package io.lastmile.collector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.FlowRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

/**
 * Each committed capture of a real exporter (softflowd, pmacctd; see make-captures.sh) decoded by
 * our decoders, as {@code ./lastmile decode} runs them, and by tshark, compared record by record and
 * field by field: every field tshark shows must be what we decoded.
 */
class CaptureComparisonIT {

    static final Path CAPTURES = Path.of("src/test/resources/captures");

    static Stream<String> captures() throws IOException {
        return new ObjectMapper()
                .readTree(CAPTURES.resolve("manifest.json").toFile()).path("exports").propertyNames().stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void ourDecodersAgreeWithTsharkFieldByField(String capture) throws Exception {
        Path file = CAPTURES.resolve(capture);
        List<TsharkFlows.Flow> theirs = TsharkFlows.of(file);
        List<TsharkFlows.Flow> ours = new ArrayList<>();
        DecodeSummary summary = new DecodeRun(
                        DecodeOptions.parse(file.toString()),
                        new StandardDecoders(),
                        (d, f) -> ours.add(new TsharkFlows.Flow(d.frame(), fields(f))))
                .run();

        assertThat(theirs).as("tshark's records in %s", capture).isNotEmpty();
        assertThat(summary.skipped()).as("datagrams not decoded in %s", capture).isEmpty();
        assertThat(summary.dropped()).as("drops in %s", capture).isEmpty();
        assertThat(frames(ours)).as("records per frame in %s", capture).isEqualTo(frames(theirs));
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < theirs.size(); i++) {
            TsharkFlows.Flow t = theirs.get(i);
            Map<String, Object> o = ours.get(i).fields();
            for (Map.Entry<String, Object> field : t.fields().entrySet()) {
                if (!same(field.getValue(), o.get(field.getKey()))) {
                    differences.add("frame %d record %d %s: tshark %s, ours %s"
                            .formatted(t.frame(), i, field.getKey(), field.getValue(), o.get(field.getKey())));
                }
            }
        }
        assertThat(differences).as("fields that differ in %s", capture).isEmpty();
        assertThat(theirs).as("fields compared in every record of %s", capture).allSatisfy(t -> assertThat(t.fields())
                .containsKeys("src", "dst", "protocol", "bytes", "packets", "startMillis", "endMillis"));
    }

    /** Our record in tshark's terms (the names of FlowJson). */
    static Map<String, Object> fields(FlowRecord f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("src", text(f.src()));
        m.put("dst", text(f.dst()));
        m.put("nextHop", text(f.nextHopAddress()));
        m.put("srcPort", (long) f.srcPort);
        m.put("dstPort", (long) f.dstPort);
        m.put("protocol", (long) f.protocol);
        m.put("bytes", f.bytes);
        m.put("packets", f.packets);
        m.put("inputInterface", f.inputInterface);
        m.put("outputInterface", f.outputInterface);
        m.put("tos", (long) f.tos);
        m.put("tcpFlags", (long) f.tcpFlags);
        m.put("srcAs", f.srcAs);
        m.put("dstAs", f.dstAs);
        m.put("srcPrefixLength", (long) f.srcPrefixLength);
        m.put("dstPrefixLength", (long) f.dstPrefixLength);
        m.put("startMillis", f.startMillis);
        m.put("endMillis", f.endMillis);
        m.put("samplingRate", f.samplingRate);
        m.put("observationDomain", f.observationDomain);
        m.put("vlan", (long) f.vlan);
        return m;
    }

    /** Equal, or an all-zero address that tshark shows where we kept none (v5's unused next hop). */
    private static boolean same(Object theirs, Object ours) {
        if (ours == null && theirs instanceof String address) {
            return address.equals("0.0.0.0") || address.equals("0:0:0:0:0:0:0:0");
        }
        return Objects.equals(theirs, ours);
    }

    private static String text(InetAddress address) {
        return address == null ? null : address.getHostAddress();
    }

    private static Map<Long, Long> frames(List<TsharkFlows.Flow> flows) {
        Map<Long, Long> perFrame = new LinkedHashMap<>();
        flows.forEach(f -> perFrame.merge(f.frame(), 1L, Long::sum));
        return perFrame;
    }
}
