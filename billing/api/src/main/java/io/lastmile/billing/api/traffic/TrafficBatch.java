package io.lastmile.billing.api.traffic;

import java.util.List;
import java.util.UUID;

/**
 * Usage the collector reports; billing books each {@code batchId} once.
 *
 * @param source who measured it, e.g. {@code collector@127.0.1.6}
 * @param rows at most 50,000; rows of the same account, minute, direction and class are summed
 */
public record TrafficBatch(UUID batchId, String source, List<TrafficRow> rows) {}
