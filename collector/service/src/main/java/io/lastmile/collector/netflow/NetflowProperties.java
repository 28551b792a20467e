package io.lastmile.collector.netflow;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds and defaults of the NetFlow v5/v9 and IPFIX decoders.
 *
 * @param templateTimeout a template not refreshed for this long is forgotten (default 30 min)
 * @param holdTime data that came before its template is kept this long (default 10 s)
 * @param holdBytesPerExporter data held for one exporter, in bytes (default 256 KiB)
 * @param holdBytesTotal data held for all exporters together, in bytes (default 16 MiB)
 * @param maxTemplatesPerExporter templates and options templates kept per exporter (default 1024)
 * @param maxFieldsPerTemplate fields in one template (default 128)
 * @param maxExporters exporters tracked at once (default 4096)
 * @param samplingRates the sampling rate per exporter address (literal IPv4 or IPv6), used when the
 *     export does not say; 1 (unsampled) for exporters not listed
 */
@ConfigurationProperties("lastmile.collector.netflow")
public record NetflowProperties(
        Duration templateTimeout,
        Duration holdTime,
        Integer holdBytesPerExporter,
        Integer holdBytesTotal,
        Integer maxTemplatesPerExporter,
        Integer maxFieldsPerTemplate,
        Integer maxExporters,
        Map<String, Long> samplingRates) {

    public NetflowProperties {
        templateTimeout = templateTimeout == null ? Duration.ofMinutes(30) : templateTimeout;
        holdTime = holdTime == null ? Duration.ofSeconds(10) : holdTime;
        holdBytesPerExporter = holdBytesPerExporter == null ? 256 * 1024 : holdBytesPerExporter;
        holdBytesTotal = holdBytesTotal == null ? 16 * 1024 * 1024 : holdBytesTotal;
        maxTemplatesPerExporter = maxTemplatesPerExporter == null ? 1024 : maxTemplatesPerExporter;
        maxFieldsPerTemplate = maxFieldsPerTemplate == null ? 128 : maxFieldsPerTemplate;
        maxExporters = maxExporters == null ? 4096 : maxExporters;
        samplingRates = samplingRates == null ? Map.of() : Map.copyOf(samplingRates);
    }

    /** All defaults. */
    public static NetflowProperties defaults() {
        return new NetflowProperties(null, null, null, null, null, null, null, null);
    }
}
