package io.lastmile.collector.exporter;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Records exporters heard from for the first time in the {@code exporter} table, in batches every
 * few seconds, never one write per packet. What waits is bounded; an address that did not fit is
 * offered again when the registry sees it anew.
 */
final class ExporterDiscovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExporterDiscovery.class);

    private final ExporterController.ExporterRepository repository;
    private final Clock clock;
    private final Duration interval;
    private final int capacity;
    private final ArrayBlockingQueue<InetAddress> waiting;
    private final Set<String> retry = new LinkedHashSet<>();
    private final AtomicLong recorded = new AtomicLong();
    private ScheduledExecutorService timer;

    ExporterDiscovery(ExporterController.ExporterRepository repository, Clock clock, Duration interval, int capacity) {
        this.repository = repository;
        this.clock = clock;
        this.interval = interval;
        this.capacity = Math.max(1, capacity);
        this.waiting = new ArrayBlockingQueue<>(this.capacity);
    }

    /** Called on a receiving or decoding thread: only queues. */
    void offer(InetAddress exporter) {
        waiting.offer(exporter);
    }

    /** Writes what waits; returns how many exporters were new to the table. */
    synchronized int flush() {
        List<InetAddress> drained = new ArrayList<>();
        waiting.drainTo(drained);
        for (InetAddress a : drained) {
            retry.add(a.getHostAddress());
        }
        if (retry.isEmpty()) {
            return 0;
        }
        try {
            int added =
                    repository.addDiscovered(retry, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            if (added > 0) {
                log.info(
                        "{} new exporter(s) recorded: {}",
                        added,
                        retry.size() <= 10 ? retry : retry.size() + " addresses");
            }
            recorded.addAndGet(added);
            retry.clear();
            return added;
        } catch (DataAccessException | org.jooq.exception.DataAccessException e) {
            log.warn("could not record {} new exporter(s), will retry: {}", retry.size(), e.getMessage());
            var oldest = retry.iterator();
            while (retry.size() > capacity && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
            return 0;
        }
    }

    long recorded() {
        return recorded.get();
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "exporter-discovery");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, interval.toMillis());
        timer.scheduleWithFixedDelay(this::flush, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
            timer = null;
        }
        if (t != null) {
            t.shutdownNow();
            flush();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        // stops after the listeners (which stop at a higher phase), so the last newcomers are written
        return Integer.MAX_VALUE - 2048;
    }
}
