package io.lastmile.collector.traffic.spool;

import java.util.List;

/**
 * A usage batch as {@code POST /api/v1/traffic/batches} takes it (the wire contract).
 *
 * @param source who sent it, e.g. {@code collector@127.0.1.6}
 */
public record Batch(String batchId, String source, List<Row> rows) {

    /** At most this many rows per batch (the contract's limit). */
    public static final int MAX_ROWS = 50_000;

    /**
     * @param minute the minute, ISO-8601 in UTC with seconds 0 ({@code 2026-12-07T12:34:00Z})
     * @param direction {@code IN} (to the subscriber) or {@code OUT}
     */
    public record Row(long accountId, String minute, String direction, String trafficClass, long bytes, long packets) {}
}
