package io.lastmile.appliance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** The steps of the live traffic test: a real exporter, and what billing and the collector show. */
final class LiveTraffic {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};

    private LiveTraffic() {}

    /**
     * Debian's softflowd reads the capture and exports its flows to {@code target} (host:port) as
     * NetFlow {@code version} (9, or 10 for IPFIX); it ends at the capture's end (not given -c, with
     * which softflowd 1.1.0 hangs on a capture).
     */
    static void softflowd(Path pcap, int version, String target) throws Exception {
        Process p = new ProcessBuilder(
                        "softflowd", "-r", pcap.toString(), "-6", "-v", Integer.toString(version), "-n", target)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("softflowd did not end at the capture's end: " + pcap);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("softflowd exited with " + p.exitValue() + " on " + pcap);
        }
    }

    /** Billing's subscriber map version, as the collector should come to see it. */
    static long mapVersion(RestClient billing) {
        return ((Number) billing.get()
                        .uri("/api/v1/traffic/map")
                        .retrieve()
                        .body(OBJECT)
                        .get("version"))
                .longValue();
    }

    /** The map version the collector holds (-1 while it has none). */
    static long collectorMapVersion(RestClient collector) {
        Map<String, Object> status =
                collector.get().uri("/api/v1/traffic/status").retrieve().body(OBJECT);
        if (status == null || !(status.get("map") instanceof Map<?, ?> map)) {
            return -1;
        }
        return ((Number) map.get("version")).longValue();
    }

    /** What billing booked for the account in the span: {"class direction" -> [bytes, packets]}. */
    static Map<String, List<Long>> booked(RestClient billing, long account, Instant from, Instant to) {
        Map<String, Object> chart = billing.get()
                .uri("/api/v1/accounts/{id}/traffic?from={from}&to={to}&step=hour", account, from, to)
                .retrieve()
                .body(OBJECT);
        Map<String, List<Long>> totals = new TreeMap<>();
        if (chart == null || !(chart.get("series") instanceof List<?> series)) {
            return totals;
        }
        for (Object s : series) {
            Map<?, ?> one = (Map<?, ?>) s;
            totals.put(
                    one.get("trafficClass") + " " + one.get("direction"),
                    List.of(((Number) one.get("bytes")).longValue(), ((Number) one.get("packets")).longValue()));
        }
        return totals;
    }

    /** Bytes of traffic the collector holds as nobody's, over every exporter and minute it keeps. */
    static long unmatchedBytes(RestClient collector) {
        List<Map<String, Object>> minutes = collector
                .get()
                .uri("/api/v1/traffic/unmatched")
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
        return minutes == null
                ? 0
                : minutes.stream()
                        .mapToLong(m -> ((Number) m.get("bytes")).longValue())
                        .sum();
    }

    /** Polls until the value equals {@code expected} or the time is up; returns the last value. */
    static <T> T await(Supplier<T> value, T expected, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        T last = value.get();
        while (!expected.equals(last) && Instant.now().isBefore(end)) {
            Thread.sleep(500);
            last = value.get();
        }
        return last;
    }

    static List<Long> totals(long[] bytesAndPackets) {
        return List.of(bytesAndPackets[0], bytesAndPackets[1]);
    }
}
