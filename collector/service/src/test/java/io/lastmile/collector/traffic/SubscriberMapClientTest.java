package io.lastmile.collector.traffic;

import static io.lastmile.collector.traffic.TrafficHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.traffic.map.MapDocument;
import io.lastmile.collector.traffic.map.MapPoller;
import io.lastmile.testkit.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The subscriber map from billing: conditional polls, swaps, the copy kept on disk. */
class SubscriberMapClientTest {

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-12-07T12:34:56Z");
    private FakeBilling billing;

    @BeforeEach
    void billing() throws Exception {
        billing = new FakeBilling();
        billing.serveMap(Flows.map(1));
    }

    @AfterEach
    void stop() {
        billing.close();
    }

    private TrafficCollector collector() {
        return TrafficHarness.collector(dir, DataSize.ofMegabytes(1), Duration.ZERO, clock, billing::url);
    }

    @Test
    void asksWithIfNoneMatchAndSwapsTheMapWhenItsVersionGrows() throws Exception {
        TrafficCollector c = collector();
        c.pollMap();
        c.pollMap();
        flow(c, "8.8.8.8", "10.0.0.5", 100);
        c.flush();
        billing.serveMap(new MapDocument(
                2,
                List.of(
                        new MapDocument.Subscriber(1, List.of("10.0.2.0/24")),
                        new MapDocument.Subscriber(7, List.of("10.0.0.0/30"))),
                List.of(),
                "internet"));
        clock.advance(Duration.ofMinutes(1));
        c.pollMap();
        flow(c, "8.8.8.8", "10.0.0.1", 200);
        flow(c, "8.8.8.8", "10.0.0.5", 400);
        c.flush();
        c.sendPending();

        assertThat(billing.mapAnswers).containsExactly(200, 304, 200);
        assertThat(c.status().map().version()).isEqualTo(2);
        assertThat(c.status().map().source()).isEqualTo(MapPoller.Source.BILLING);
        assertThat(billing.usage())
                .containsExactly(Map.entry("1 12:34 IN internet", "100 1"), Map.entry("7 12:35 IN internet", "200 1"));
        assertThat(c.status().counters().unmatchedFlows())
                .as("10.0.0.5 is nobody's in version 2")
                .isEqualTo(1);
        assertThat(c.unmatched()).singleElement().satisfies(u -> {
            assertThat(u.exporter()).isEqualTo("192.0.2.1");
            assertThat(u.bytes()).isEqualTo(400);
        });
    }

    @Test
    void aRestartWithBillingDownUsesTheMapKeptOnDisk() throws Exception {
        TrafficCollector first = collector();
        first.pollMap();
        first.stop();
        assertThat(dir.resolve("map.json")).exists();
        billing.mode(FakeBilling.Mode.DOWN);

        TrafficCollector second = collector();
        second.pollMap();
        flow(second, "8.8.8.8", "10.0.0.5", 100);
        second.flush();

        TrafficStatus.MapStatus map = second.status().map();
        assertThat(map.version()).isEqualTo(1);
        assertThat(map.source()).isEqualTo(MapPoller.Source.DISK);
        assertThat(map.lastError()).contains("503");
        assertThat(second.status().counters().usageFlows()).isEqualTo(1);
        billing.mode(FakeBilling.Mode.UP);
        second.pollMap();
        assertThat(billing.mapAnswers)
                .as("the kept version is sent as If-None-Match")
                .endsWith(304);
        assertThat(second.sendPending()).isEqualTo(1);
        assertThat(billing.usage()).containsExactly(Map.entry("1 12:34 IN internet", "100 1"));
    }

    @Test
    void refusesAMapWithABadPrefixAndKeepsThePreviousOne() throws Exception {
        TrafficCollector c = collector();
        c.pollMap();
        billing.serveMap(new MapDocument(
                2, List.of(new MapDocument.Subscriber(7, List.of("10.0.0.300/32"))), List.of(), "internet"));
        c.pollMap();

        assertThat(c.status().map().version()).isEqualTo(1);
        assertThat(c.status().map().lastError()).contains("refused").contains("10.0.0.300");
        assertThat(Files.readString(dir.resolve("map.json"))).contains("\"version\":1");
    }

    @Test
    void alarmsWhileThereIsNoMapAtAll() {
        billing.mode(FakeBilling.Mode.DOWN);
        TrafficCollector c = collector();
        c.pollMap();

        assertThat(c.status().alarms()).contains("NO_MAP");
        assertThat(c.status().map().source()).isEqualTo(MapPoller.Source.NONE);
    }
}
