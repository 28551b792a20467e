package io.lastmile.collector.exporter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the collector keeps in memory about exporters.
 *
 * @param maxTracked exporters with counters in memory (the longest idle are forgotten beyond it)
 * @param maxInterfaces interfaces whose latest sFlow counters are kept, over all agents
 * @param discoveryInterval how often newly heard exporters are written to the exporter table
 */
@ConfigurationProperties("lastmile.collector.exporters")
public record ExporterProperties(Integer maxTracked, Integer maxInterfaces, Duration discoveryInterval) {

    public ExporterProperties {
        maxTracked = maxTracked == null || maxTracked < 1 ? 10_000 : maxTracked;
        maxInterfaces = maxInterfaces == null || maxInterfaces < 1 ? 100_000 : maxInterfaces;
        discoveryInterval = discoveryInterval == null ? Duration.ofSeconds(5) : discoveryInterval;
    }
}
