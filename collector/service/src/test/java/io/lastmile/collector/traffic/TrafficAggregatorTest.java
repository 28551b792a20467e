package io.lastmile.collector.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.traffic.map.SubscriberMap;
import io.lastmile.collector.traffic.map.TrafficClasses;
import io.lastmile.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TrafficAggregatorTest {

    private final TestClock clock = TestClock.at("2026-12-07T12:34:56Z");
    private final TrafficClasses classes = new TrafficClasses();
    private final ExporterIds exporters = new ExporterIds();
    private final SubscriberMap map = SubscriberMap.of(Flows.map(1), classes);
    private final TrafficAggregator aggregator =
            new TrafficAggregator(() -> map, exporters, clock, Duration.ofMinutes(15));
    private final FlowRecord flow = new FlowRecord();

    @Test
    void sumsBytesAndPacketsPerAccountDirectionClassAndMinuteScaledBySampling() {
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "8.8.8.8", "10.0.0.5", 1000, 2));
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "1.1.1.1", "10.0.0.5", 500, 1));
        Flows.fill(flow, "192.0.2.1", "8.8.4.4", "10.0.0.5", 100, 1);
        flow.samplingRate = 512;
        aggregator.accept(flow);
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "10.0.0.5", "8.8.8.8", 40, 1));

        assertThat(drained())
                .containsExactly(
                        Map.entry("1 12:34 IN internet", "52700 515 3"), Map.entry("1 12:34 OUT internet", "40 1 1"));
    }

    @Test
    void classifiesByTheLongestPrefixOfTheRemoteAddressElseTheDefault() {
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "185.1.9.9", "10.0.0.5", 1, 1));
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "185.1.2.3", "10.0.0.5", 10, 1));
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "192.168.7.7", "10.0.0.5", 100, 1));
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "2001:db8:1:ff::9", "2a00::1", 1000, 1));

        assertThat(drained())
                .containsExactly(
                        Map.entry("1 12:34 IN local", "110 2 2"),
                        Map.entry("1 12:34 IN peering", "1 1 1"),
                        Map.entry("1 12:34 OUT internet", "1000 1 1"));
    }

    @Test
    void countsAFlowBetweenTwoSubscribersForBothAndTheLongerPrefixOwnsTheAddress() {
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "10.0.0.5", "10.0.1.7", 300, 3));
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "10.0.1.8", "10.0.0.5", 70, 1));

        assertThat(drained())
                .containsExactly(
                        Map.entry("1 12:34 IN local", "70 1 1"),
                        Map.entry("1 12:34 OUT local", "300 3 1"),
                        Map.entry("2 12:34 OUT local", "70 1 1"),
                        Map.entry("3 12:34 IN local", "300 3 1"));
    }

    @Test
    void takesTheMinuteFromTheEndTimeElseFromTheArrival() {
        Flows.fill(flow, "192.0.2.1", "8.8.8.8", "10.0.0.5", 1, 1);
        flow.endMillis = Instant.parse("2026-12-07T12:30:59.999Z").toEpochMilli();
        aggregator.accept(flow);
        Flows.fill(flow, "192.0.2.1", "8.8.8.8", "10.0.0.5", 2, 1);
        aggregator.accept(flow);
        Flows.fill(flow, "192.0.2.1", "8.8.8.8", "10.0.0.5", 4, 1);
        flow.endMillis = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(); // an exporter's clock a year off
        aggregator.accept(flow);

        assertThat(drained())
                .containsExactly(Map.entry("1 12:30 IN internet", "1 1 1"), Map.entry("1 12:34 IN internet", "6 2 2"));
    }

    @Test
    void stampsFlowsWithTheTickedTimeWhileATickerRuns() {
        aggregator.tick();
        clock.advance(Duration.ofSeconds(10)); // 12:35:06, but no tick since
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "8.8.8.8", "10.0.0.5", 1, 1));
        aggregator.stopTicking();
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "8.8.8.8", "10.0.0.5", 2, 1));

        assertThat(drained())
                .containsExactly(Map.entry("1 12:34 IN internet", "1 1 1"), Map.entry("1 12:35 IN internet", "2 1 1"));
    }

    @Test
    void keepsTrafficOfNoSubscriberPerExporter() {
        aggregator.accept(Flows.fill(flow, "192.0.2.1", "8.8.8.8", "9.9.9.9", 5, 1));
        aggregator.accept(Flows.fill(flow, "192.0.2.2", "8.8.8.8", "9.9.9.9", 7, 1));
        aggregator.accept(Flows.fill(flow, "192.0.2.2", "2a00::1", "2a00::2", 9, 1));
        flow.clearFields(); // no addresses at all
        flow.exporter = Flows.address("192.0.2.2");
        flow.bytes = 11;
        flow.packets = 1;
        aggregator.accept(flow);

        assertThat(drained())
                .containsExactly(
                        Map.entry("exporter 192.0.2.1 12:34", "5 1 1"),
                        Map.entry("exporter 192.0.2.2 12:34", "27 3 3"));
    }

    @Test
    void losesNothingWhenWorkersAddWhileItIsDrained() throws Exception {
        int workers = 4;
        int perWorker = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        Future<?>[] done = new Future<?>[workers];
        for (int w = 0; w < workers; w++) {
            done[w] = pool.submit(() -> {
                FlowRecord own = new FlowRecord();
                go.await();
                for (int i = 0; i < perWorker; i++) {
                    aggregator.accept(
                            Flows.fill(own, "192.0.2.1", "8.8.8.8", i % 2 == 0 ? "10.0.0.5" : "10.0.1.1", 3, 1));
                }
                return null;
            });
        }
        go.countDown();
        long bytes = 0;
        while (!allDone(done)) {
            bytes += totalBytes(aggregator.drain());
        }
        for (Future<?> f : done) {
            f.get();
        }
        bytes += totalBytes(aggregator.drain());
        pool.shutdown();

        assertThat(bytes).isEqualTo(3L * workers * perWorker);
    }

    private static boolean allDone(Future<?>[] futures) {
        for (Future<?> f : futures) {
            if (!f.isDone()) {
                return false;
            }
        }
        return true;
    }

    private static long totalBytes(UsageTable t) {
        long[] sum = new long[1];
        t.forEach((owner, cell, bytes, packets, flows) -> sum[0] += bytes);
        return sum[0];
    }

    /** "account HH:MM DIRECTION class" -> "bytes packets flows" (or "exporter E HH:MM" when unmatched). */
    private Map<String, String> drained() {
        Map<String, String> out = new TreeMap<>();
        aggregator.drain().forEach((owner, cell, bytes, packets, flows) -> {
            String minute = Instant.ofEpochSecond(UsageTable.minuteOf(cell) * 60)
                    .toString()
                    .substring(11, 16);
            String key = owner < 0
                    ? "exporter " + exporters.name((int) (-1 - owner)) + " " + minute
                    : owner + " " + minute + " " + (UsageTable.directionOf(cell) == UsageTable.IN ? "IN" : "OUT") + " "
                            + classes.code(UsageTable.classOf(cell));
            out.put(key, bytes + " " + packets + " " + flows);
        });
        return out;
    }
}
