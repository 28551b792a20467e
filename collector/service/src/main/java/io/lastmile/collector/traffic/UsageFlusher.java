package io.lastmile.collector.traffic;

import io.lastmile.collector.traffic.map.TrafficClasses;
import io.lastmile.collector.traffic.spool.Batch;
import io.lastmile.collector.traffic.spool.BatchSpool;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what the aggregator collected into batches on disk: each flush drains the workers' tables,
 * passes unmatched traffic to the NOC view, and writes the usage as batches of at most 50,000 rows
 * with fresh batch ids. When the spool is full (or the disk fails) the usage stays here, merged
 * with what comes next, and the alarm is raised until it could be written: never dropped.
 */
final class UsageFlusher {

    private static final Logger log = LoggerFactory.getLogger(UsageFlusher.class);

    private record Cell(long account, long cell, long bytes, long packets) {}

    private final TrafficAggregator aggregator;
    private final BatchSpool spool;
    private final UnmatchedTraffic unmatched;
    private final ExporterIds exporters;
    private final TrafficClasses classes;
    private final JsonMapper json;
    private final String source;
    private final UsageTable held = new UsageTable();
    private final AtomicLong usageFlows = new AtomicLong();
    private final AtomicLong unmatchedFlows = new AtomicLong();
    private final AtomicLong batchesWritten = new AtomicLong();
    private final AtomicLong spoolFullEvents = new AtomicLong();
    private volatile String alarm;
    private volatile int heldRows;

    UsageFlusher(
            TrafficAggregator aggregator,
            BatchSpool spool,
            UnmatchedTraffic unmatched,
            ExporterIds exporters,
            TrafficClasses classes,
            JsonMapper json,
            String source) {
        this.aggregator = aggregator;
        this.spool = spool;
        this.unmatched = unmatched;
        this.exporters = exporters;
        this.classes = classes;
        this.json = json;
        this.source = source;
    }

    /**
     * @param shutdown the last flush before the process ends: the spool's bound is ignored, since
     *     usage kept in memory would be lost
     */
    synchronized void flush(boolean shutdown) {
        collect(aggregator.drain());
        unmatched.prune();
        if (held.isEmpty()) {
            return;
        }
        List<Cell> cells = new ArrayList<>(held.size());
        held.forEach((account, cell, bytes, packets, flows) -> cells.add(new Cell(account, cell, bytes, packets)));
        cells.sort(Comparator.comparingLong(Cell::account).thenComparingLong(Cell::cell));
        held.clear();
        for (int from = 0; from < cells.size(); from += Batch.MAX_ROWS) {
            List<Cell> chunk = cells.subList(from, Math.min(cells.size(), from + Batch.MAX_ROWS));
            String problem = write(chunk, shutdown);
            if (problem != null) {
                cells.subList(from, cells.size()).forEach(c -> held.add(c.account, c.cell, c.bytes, c.packets, 0));
                spoolFullEvents.incrementAndGet();
                alarm = problem;
                heldRows = held.size();
                log.warn("{}: {} usage rows kept in memory until they can be written", problem, held.size());
                return;
            }
        }
        alarm = null;
        heldRows = 0;
    }

    private void collect(UsageTable drained) {
        drained.forEach((owner, cell, bytes, packets, flows) -> {
            if (owner < 0) {
                unmatched.add(exporters.name((int) (-1 - owner)), UsageTable.minuteOf(cell), bytes, packets, flows);
                unmatchedFlows.addAndGet(flows);
            } else {
                held.add(owner, cell, bytes, packets, flows);
                usageFlows.addAndGet(flows);
            }
        });
    }

    /** @return null when written, else what stopped it */
    private String write(List<Cell> chunk, boolean shutdown) {
        String id = UUID.randomUUID().toString();
        List<Batch.Row> rows = new ArrayList<>(chunk.size());
        for (Cell c : chunk) {
            rows.add(new Batch.Row(
                    c.account,
                    Instant.ofEpochSecond(UsageTable.minuteOf(c.cell) * 60).toString(),
                    UsageTable.directionOf(c.cell) == UsageTable.IN ? "IN" : "OUT",
                    classes.code(UsageTable.classOf(c.cell)),
                    c.bytes,
                    c.packets));
        }
        byte[] body = json.writeValueAsBytes(new Batch(id, source, rows));
        try {
            if (!spool.write(id, body, shutdown)) {
                return "traffic spool full (" + spool.pendingBytes() + " of " + spool.limitBytes() + " bytes)";
            }
        } catch (IOException e) {
            return "cannot write the traffic spool " + spool.directory() + ": " + e;
        }
        batchesWritten.incrementAndGet();
        return null;
    }

    /** Why usage is held in memory, or null. */
    String alarm() {
        return alarm;
    }

    int heldRows() {
        return heldRows;
    }

    long usageFlows() {
        return usageFlows.get();
    }

    long unmatchedFlows() {
        return unmatchedFlows.get();
    }

    long batchesWritten() {
        return batchesWritten.get();
    }

    long spoolFullEvents() {
        return spoolFullEvents.get();
    }
}
