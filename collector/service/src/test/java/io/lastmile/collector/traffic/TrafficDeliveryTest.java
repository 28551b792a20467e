package io.lastmile.collector.traffic;

import static io.lastmile.collector.traffic.TrafficHarness.flow;
import static io.lastmile.collector.traffic.TrafficHarness.spooled;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.traffic.spool.BatchSender;
import io.lastmile.collector.traffic.spool.BatchSpool;
import io.lastmile.testkit.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Batches from flush to billing's booking, against a local HTTP server that follows the contract. */
class TrafficDeliveryTest {

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-12-07T12:34:56Z");
    private final AtomicReference<String> url = new AtomicReference<>();
    private FakeBilling billing;

    @BeforeEach
    void billing() throws Exception {
        billing = new FakeBilling();
        billing.serveMap(Flows.map(1));
        url.set(billing.url());
    }

    @AfterEach
    void stop() {
        billing.close();
    }

    private TrafficCollector collector() {
        return TrafficHarness.collector(dir, DataSize.ofMegabytes(16), Duration.ZERO, clock, url::get);
    }

    @Test
    void deliversBatchesInOrderAndBillingBooksEachOnce() throws Exception {
        TrafficCollector c = collector();
        c.pollMap();
        flow(c, "8.8.8.8", "10.0.0.5", 1000);
        flow(c, "8.8.8.8", "10.0.1.1", 2000);
        c.flush();
        clock.advance(Duration.ofMinutes(1));
        flow(c, "8.8.8.8", "10.0.0.5", 500);
        c.flush();
        clock.advance(Duration.ofMinutes(1));
        flow(c, "10.0.1.7", "185.1.9.9", 7);
        c.flush();
        List<String> written = spooled(dir);

        assertThat(written).hasSize(3);
        assertThat(c.sendPending()).isEqualTo(3);
        assertThat(c.sendPending()).isZero();
        assertThat(billing.received).containsExactlyElementsOf(written);
        assertThat(billing.booked()).containsExactlyElementsOf(written);
        assertThat(billing.usage())
                .containsExactly(
                        Map.entry("1 12:34 IN internet", "1000 1"),
                        Map.entry("1 12:35 IN internet", "500 1"),
                        Map.entry("2 12:34 IN internet", "2000 1"),
                        Map.entry("3 12:36 OUT peering", "7 1"));
        assertThat(spooled(dir)).isEmpty();
        c.pollMap();
        TrafficStatus status = c.status();
        assertThat(status.spool().pendingBatches()).isZero();
        assertThat(status.counters().batchesDelivered()).isEqualTo(3);
        assertThat(status.lastSend().outcome()).isEqualTo(BatchSender.Outcome.DELIVERED);
        assertThat(status.alarms()).isEmpty();
    }

    @Test
    void keepsBatchesWhileBillingIsDownOrGoneAndSendsThemInOrderWhenItReturns() throws Exception {
        TrafficCollector c = collector();
        c.pollMap();
        billing.mode(FakeBilling.Mode.DOWN);
        flow(c, "8.8.8.8", "10.0.0.5", 1);
        c.flush();
        clock.advance(Duration.ofMinutes(1));
        flow(c, "8.8.8.8", "10.0.0.5", 2);
        c.flush();

        assertThat(c.sendPending()).isZero();
        assertThat(c.status().lastSend().status()).isEqualTo(503);
        billing.close(); // connection refused from now on
        clock.advance(Duration.ofMinutes(1));
        flow(c, "8.8.8.8", "10.0.0.5", 4);
        c.flush();
        assertThat(c.sendPending()).isZero();
        assertThat(c.status().lastSend().outcome()).isEqualTo(BatchSender.Outcome.RETRYING);
        assertThat(c.status().lastSend().status()).isZero();
        assertThat(c.status().spool().pendingBatches()).isEqualTo(3);
        List<String> written = spooled(dir);

        billing = new FakeBilling();
        billing.serveMap(Flows.map(1));
        url.set(billing.url());

        assertThat(c.sendPending()).isEqualTo(3);
        assertThat(billing.booked()).containsExactlyElementsOf(written);
        assertThat(billing.usage())
                .containsExactly(
                        Map.entry("1 12:34 IN internet", "1 1"),
                        Map.entry("1 12:35 IN internet", "2 1"),
                        Map.entry("1 12:36 IN internet", "4 1"));
    }

    @Test
    void aRestartResendsTheBatchesOnDiskWithTheSameIds() throws Exception {
        TrafficCollector first = collector();
        first.pollMap();
        billing.mode(FakeBilling.Mode.DOWN);
        flow(first, "8.8.8.8", "10.0.0.5", 10);
        first.flush();
        flow(first, "10.0.0.5", "8.8.8.8", 20);
        first.stop(); // the last flush writes what was still in memory
        List<String> written = spooled(dir);
        assertThat(written).hasSize(2);

        billing.mode(FakeBilling.Mode.UP);
        TrafficCollector second = collector();

        assertThat(second.status().spool().pendingBatches()).isEqualTo(2);
        assertThat(second.sendPending()).isEqualTo(2);
        assertThat(billing.booked()).containsExactlyElementsOf(written);
        assertThat(billing.usage())
                .containsExactly(Map.entry("1 12:34 IN internet", "10 1"), Map.entry("1 12:34 OUT internet", "20 1"));
        second.stop();
        assertThat(spooled(dir)).as("nothing new to write at the second stop").isEmpty();
    }

    @Test
    void aBatchBookedWhoseAnswerWasLostIsResentAfterARestartAndCountedOnce() throws Exception {
        TrafficCollector first = collector();
        first.pollMap();
        flow(first, "8.8.8.8", "10.0.0.5", 10);
        first.flush();
        billing.mode(FakeBilling.Mode.ANSWER_LOST);
        assertThat(first.sendPending()).isZero();
        first.stop();

        billing.mode(FakeBilling.Mode.UP);
        TrafficCollector second = collector();

        assertThat(second.sendPending()).isEqualTo(1);
        assertThat(billing.received).hasSize(2).containsOnly(billing.booked().getFirst());
        assertThat(billing.booked()).hasSize(1);
        assertThat(billing.usage()).containsExactly(Map.entry("1 12:34 IN internet", "10 1"));
        assertThat(second.status().counters().batchesDuplicate()).isEqualTo(1);
        assertThat(second.status().lastSend().outcome()).isEqualTo(BatchSender.Outcome.DUPLICATE);
        assertThat(spooled(dir)).isEmpty();
    }

    @Test
    void holdsUsageInMemoryAndAlarmsWhileTheSpoolIsFull() throws Exception {
        TrafficCollector c = TrafficHarness.collector(dir, DataSize.ofBytes(300), Duration.ZERO, clock, url::get);
        c.pollMap();
        billing.mode(FakeBilling.Mode.DOWN);
        flow(c, "8.8.8.8", "10.0.0.5", 1000);
        c.flush();
        assertThat(c.status().alarms()).doesNotContain("SPOOL_FULL");
        clock.advance(Duration.ofMinutes(1));
        flow(c, "8.8.8.8", "10.0.0.5", 500);
        c.flush();
        flow(c, "8.8.8.8", "10.0.0.5", 250);
        c.flush();

        TrafficStatus full = c.status();
        assertThat(spooled(dir)).hasSize(1);
        assertThat(full.alarms()).contains("SPOOL_FULL");
        assertThat(full.alarmDetails()).anyMatch(d -> d.contains("traffic spool full"));
        assertThat(full.spool().heldRows())
                .as("the held minute and the new one merged")
                .isEqualTo(1);
        assertThat(full.counters().spoolFullEvents()).isEqualTo(2);

        billing.mode(FakeBilling.Mode.UP);
        assertThat(c.sendPending()).isEqualTo(1);
        c.flush();
        assertThat(c.status().alarms()).doesNotContain("SPOOL_FULL");
        assertThat(c.status().spool().heldRows()).isZero();
        assertThat(c.sendPending()).isEqualTo(1);
        assertThat(billing.usage())
                .containsExactly(Map.entry("1 12:34 IN internet", "1000 1"), Map.entry("1 12:35 IN internet", "750 2"));
    }

    @Test
    void writesHeldUsageAtShutdownPastTheBoundRatherThanLoseIt() throws Exception {
        TrafficCollector c = TrafficHarness.collector(dir, DataSize.ofBytes(300), Duration.ZERO, clock, url::get);
        c.pollMap();
        billing.mode(FakeBilling.Mode.DOWN);
        flow(c, "8.8.8.8", "10.0.0.5", 1000);
        c.flush();
        flow(c, "8.8.8.8", "10.0.1.1", 5);
        c.flush();
        assertThat(spooled(dir)).hasSize(1);

        c.stop();

        assertThat(spooled(dir)).hasSize(2);
        billing.mode(FakeBilling.Mode.UP);
        assertThat(TrafficHarness.collector(dir, DataSize.ofBytes(300), Duration.ZERO, clock, url::get)
                        .sendPending())
                .isEqualTo(2);
        assertThat(billing.usage())
                .containsExactly(Map.entry("1 12:34 IN internet", "1000 1"), Map.entry("2 12:34 IN internet", "5 1"));
    }

    @Test
    void setsAsideABatchBillingRefusesAsMalformedAndDeliversTheNextOnes() throws Exception {
        String bad = UUID.randomUUID().toString();
        String body = "{\"batchId\":\"" + bad + "\",\"source\":\"collector@old\",\"rows\":[{\"accountId\":1,"
                + "\"minute\":\"2026-12-07T12:34:30Z\",\"direction\":\"IN\",\"trafficClass\":\"internet\","
                + "\"bytes\":1,\"packets\":1}]}";
        new BatchSpool(dir, 1 << 20).write(bad, body.getBytes(StandardCharsets.UTF_8), false);
        TrafficCollector c = collector();
        c.pollMap();
        flow(c, "8.8.8.8", "10.0.0.5", 42);
        c.flush();
        List<String> written = new ArrayList<>(spooled(dir));

        assertThat(written).hasSize(2).startsWith(bad);
        assertThat(c.sendPending()).isEqualTo(2);
        assertThat(billing.received).containsExactlyElementsOf(written);
        assertThat(billing.booked()).containsExactly(written.get(1));
        assertThat(Files.list(dir.resolve("rejected")).map(p -> p.getFileName().toString()))
                .singleElement()
                .asString()
                .contains(bad);
        TrafficStatus status = c.status();
        assertThat(status.alarms()).contains("BATCHES_REJECTED");
        assertThat(status.spool().rejectedBatches()).isEqualTo(1);
        assertThat(status.counters().batchesRejected()).isEqualTo(1);
        assertThat(c.sendPending()).as("never sent again").isZero();
        assertThat(billing.received).hasSize(2);
    }

    @Test
    void waitsLongerAfterEachFailedTry() throws Exception {
        TrafficCollector c =
                TrafficHarness.collector(dir, DataSize.ofMegabytes(1), Duration.ofSeconds(1), clock, url::get);
        c.pollMap();
        billing.mode(FakeBilling.Mode.DOWN);
        flow(c, "8.8.8.8", "10.0.0.5", 1);
        c.flush();
        BatchSender sender = senderOf(c);

        sender.sendIfDue();
        sender.sendIfDue();
        assertThat(billing.attempts.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        sender.sendIfDue();
        assertThat(billing.attempts.get()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        sender.sendIfDue();
        assertThat(billing.attempts.get()).as("the second wait is 2 s").isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        billing.mode(FakeBilling.Mode.UP);
        sender.sendIfDue();
        assertThat(billing.attempts.get()).isEqualTo(3);
        assertThat(billing.booked()).hasSize(1);
    }

    private static BatchSender senderOf(TrafficCollector c) {
        return c.sender();
    }
}
