package io.lastmile.collector.traffic;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Per-subscriber traffic: the map from billing, aggregation, and the disk queue of batches.
 *
 * @param billingUrl billing's base URL; when blank, billing is found through the module registry
 * @param mapInterval how often billing is asked whether the subscriber map changed
 * @param flushInterval how often the aggregates become a batch
 * @param spoolDir the disk queue (one file per batch, {@code rejected/}) and the last map
 * @param spoolLimit the disk queue's bound; past it usage is held in memory and the alarm raised
 * @param retryBase the first wait after billing failed to take a batch, doubled at each failure
 * @param retryMax the longest wait between tries
 * @param timeout connect and read timeout of each call to billing
 * @param source names this collector in batches; blank: {@code collector@<server.address>}
 * @param maxClockSkew a flow whose end time is further than this from its arrival counts at its
 *     arrival minute
 * @param unmatchedWindow how much unmatched traffic the NOC view keeps
 */
@ConfigurationProperties("lastmile.collector.traffic")
public record TrafficProperties(
        String billingUrl,
        @DefaultValue("10s") Duration mapInterval,
        @DefaultValue("60s") Duration flushInterval,
        @DefaultValue("var/collector/traffic") Path spoolDir,
        @DefaultValue("512MB") DataSize spoolLimit,
        @DefaultValue("1s") Duration retryBase,
        @DefaultValue("5m") Duration retryMax,
        @DefaultValue("10s") Duration timeout,
        String source,
        @DefaultValue("15m") Duration maxClockSkew,
        @DefaultValue("60m") Duration unmatchedWindow) {}
