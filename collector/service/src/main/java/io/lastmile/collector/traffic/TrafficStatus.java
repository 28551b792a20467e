package io.lastmile.collector.traffic;

import io.lastmile.collector.traffic.map.MapPoller;
import io.lastmile.collector.traffic.spool.BatchSender;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/traffic/status}.
 *
 * @param alarms what needs the operator: {@code SPOOL_FULL} (usage held in memory), {@code
 *     BATCHES_REJECTED} (batches set aside in rejected/), {@code NO_MAP} (no subscriber map at all),
 *     {@code MAP_STALE} (billing not confirmed the map for 10 poll intervals)
 */
public record TrafficStatus(
        MapStatus map,
        SpoolStatus spool,
        BatchSender.LastSend lastSend,
        Counters counters,
        List<String> alarms,
        List<String> alarmDetails) {

    public record MapStatus(
            long version,
            MapPoller.Source source,
            Instant loadedAt,
            Instant checkedAt,
            Long ageSeconds,
            int subscribers,
            int prefixes,
            String lastError) {}

    public record SpoolStatus(
            String directory,
            int pendingBatches,
            long pendingBytes,
            long limitBytes,
            int rejectedBatches,
            int heldRows,
            Instant nextAttempt) {}

    /**
     * @param usageFlows flows counted for a subscriber (a flow between two subscribers counts twice)
     * @param spoolFullEvents flushes that found the spool full
     */
    public record Counters(
            long usageFlows,
            long unmatchedFlows,
            long batchesWritten,
            long batchesDelivered,
            long batchesDuplicate,
            long batchesRejected,
            long spoolFullEvents) {}
}
