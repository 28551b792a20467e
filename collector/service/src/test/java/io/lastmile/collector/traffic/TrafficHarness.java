package io.lastmile.collector.traffic;

import io.lastmile.collector.flow.FlowRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** A collector's traffic pipeline over a folder, calling billing at whatever URL the test gives. */
final class TrafficHarness {

    private TrafficHarness() {}

    static TrafficCollector collector(Path dir, DataSize limit, Duration retryBase, Clock clock, Supplier<String> url) {
        TrafficProperties properties = new TrafficProperties(
                null,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                dir,
                limit,
                retryBase,
                Duration.ofMinutes(1),
                Duration.ofSeconds(3),
                "collector@test",
                Duration.ofMinutes(15),
                Duration.ofMinutes(60));
        BillingTraffic billing = new BillingTraffic(() -> BillingTraffic.restClient(
                RestClient.builder().defaultHeader("Authorization", "Bearer test-token"),
                url.get(),
                Duration.ofSeconds(3)));
        return new TrafficCollector(properties, billing, JsonMapper.builder().build(), clock, "collector@test");
    }

    static void flow(TrafficCollector c, String src, String dst, long bytes) {
        c.aggregator().accept(Flows.fill(new FlowRecord(), "192.0.2.1", src, dst, bytes, 1));
    }

    /** The batch ids on disk, in the order they will be sent. */
    static List<String> spooled(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("map.json"))
                    .sorted()
                    .map(n -> n.substring(21, n.length() - 5))
                    .toList();
        }
    }
}
