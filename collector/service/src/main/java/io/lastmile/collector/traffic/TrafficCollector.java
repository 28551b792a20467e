package io.lastmile.collector.traffic;

import io.lastmile.collector.traffic.map.MapPoller;
import io.lastmile.collector.traffic.map.TrafficClasses;
import io.lastmile.collector.traffic.spool.BatchSender;
import io.lastmile.collector.traffic.spool.BatchSpool;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The traffic pipeline put together: map poller, aggregator (the {@code FlowSink}), flusher, disk
 * queue and sender, and their schedule: the map every {@code mapInterval}, a flush every {@code
 * flushInterval}, sending whenever the backoff allows (checked every second), and one last flush
 * at {@link #stop}.
 */
public final class TrafficCollector {

    private final TrafficProperties properties;
    private final Clock clock;
    private final MapPoller maps;
    private final TrafficAggregator aggregator;
    private final BatchSpool spool;
    private final BatchSender sender;
    private final UnmatchedTraffic unmatched;
    private final UsageFlusher flusher;
    private ScheduledExecutorService scheduler;

    public TrafficCollector(
            TrafficProperties properties, BillingTraffic billing, JsonMapper json, Clock clock, String source) {
        this.properties = properties;
        this.clock = clock;
        TrafficClasses classes = new TrafficClasses();
        ExporterIds exporters = new ExporterIds();
        this.maps = new MapPoller(billing, json, classes, properties.spoolDir().resolve("map.json"), clock);
        this.aggregator = new TrafficAggregator(maps, exporters, clock, properties.maxClockSkew());
        this.spool =
                new BatchSpool(properties.spoolDir(), properties.spoolLimit().toBytes());
        this.sender = new BatchSender(spool, billing, json, clock, properties.retryBase(), properties.retryMax());
        this.unmatched = new UnmatchedTraffic(clock, properties.unmatchedWindow());
        this.flusher = new UsageFlusher(aggregator, spool, unmatched, exporters, classes, json, source);
    }

    public TrafficAggregator aggregator() {
        return aggregator;
    }

    BatchSender sender() {
        return sender;
    }

    public void pollMap() {
        maps.poll();
    }

    public void flush() {
        flusher.flush(false);
    }

    public int sendPending() {
        return sender.sendPending();
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(4, r -> {
            Thread t = new Thread(r, "traffic");
            t.setDaemon(true);
            return t;
        });
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long map = Math.max(100, properties.mapInterval().toMillis());
        long flush = Math.max(100, properties.flushInterval().toMillis());
        aggregator.tick();
        s.scheduleAtFixedRate(guard(aggregator::tick), 100, 100, TimeUnit.MILLISECONDS);
        s.scheduleWithFixedDelay(guard(maps::poll), 0, map, TimeUnit.MILLISECONDS);
        s.scheduleWithFixedDelay(guard(() -> flusher.flush(false)), flush, flush, TimeUnit.MILLISECONDS);
        s.scheduleWithFixedDelay(guard(sender::sendIfDue), 1000, 1000, TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    /** Stops the schedule and writes what was aggregated to disk (past the bound if need be). */
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(properties.timeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        aggregator.stopTicking();
        flusher.flush(true);
    }

    public List<UnmatchedTraffic.Minute> unmatched() {
        return unmatched.recent();
    }

    public TrafficStatus status() {
        MapPoller.State m = maps.state();
        Instant now = clock.instant();
        Long age = m.checkedAt() == null
                ? null
                : Duration.between(m.checkedAt(), now).toSeconds();
        int rejectedBatches = rejectedBatches();
        List<String> alarms = new ArrayList<>();
        List<String> details = new ArrayList<>();
        if (flusher.alarm() != null) {
            alarms.add("SPOOL_FULL");
            details.add(flusher.alarm());
        }
        if (rejectedBatches > 0) {
            alarms.add("BATCHES_REJECTED");
            details.add(rejectedBatches + " batches billing refused are in "
                    + spool.directory().resolve("rejected"));
        }
        if (m.version() < 0) {
            alarms.add("NO_MAP");
            details.add("no subscriber map yet: all traffic counts as unmatched");
        } else if (age == null || age * 1000 > 10 * properties.mapInterval().toMillis()) {
            alarms.add("MAP_STALE");
            details.add("billing has not confirmed the subscriber map since " + m.checkedAt());
        }
        return new TrafficStatus(
                new TrafficStatus.MapStatus(
                        m.version(),
                        m.source(),
                        m.loadedAt(),
                        m.checkedAt(),
                        age,
                        m.subscribers(),
                        m.prefixes(),
                        m.lastError()),
                new TrafficStatus.SpoolStatus(
                        spool.directory().toString(),
                        spool.pendingCount(),
                        spool.pendingBytes(),
                        spool.limitBytes(),
                        rejectedBatches,
                        flusher.heldRows(),
                        sender.nextAttempt().equals(Instant.MIN) ? null : sender.nextAttempt()),
                sender.last(),
                new TrafficStatus.Counters(
                        flusher.usageFlows(),
                        flusher.unmatchedFlows(),
                        flusher.batchesWritten(),
                        sender.delivered(),
                        sender.duplicates(),
                        sender.rejected(),
                        flusher.spoolFullEvents()),
                alarms,
                details);
    }

    private int rejectedBatches() {
        try {
            return spool.rejectedCount();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A scheduled task that dies on an exception is never run again: log and go on instead. */
    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(TrafficCollector.class).error("traffic task failed", e);
            }
        };
    }
}
