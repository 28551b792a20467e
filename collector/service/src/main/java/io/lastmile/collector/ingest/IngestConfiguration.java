package io.lastmile.collector.ingest;

import io.lastmile.collector.exporter.ExporterRegistry;
import io.lastmile.collector.exporter.InterfaceCountersStore;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowSink;
import io.lastmile.collector.flow.PacketDecoder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The receiving pipeline: listeners, worker pool, totals. The decoders come from one bean of type
 * {@code Map<FlowProtocol, PacketDecoder>}; the flows go to every {@link FlowSink} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean
    IngestCounters ingestCounters() {
        return new IngestCounters();
    }

    @Bean
    WorkerPool workerPool(
            IngestProperties properties,
            ObjectProvider<Map<FlowProtocol, PacketDecoder>> decoders,
            ObjectProvider<FlowSink> sinks,
            ExporterRegistry registry,
            InterfaceCountersStore interfaces,
            IngestCounters totals,
            Clock clock) {
        Map<FlowProtocol, PacketDecoder> byProtocol = decoders.getIfAvailable(Map::of);
        List<FlowSink> sinkList = sinks.orderedStream().toList();
        log.info(
                "{} decoder worker(s), queues of {} datagrams; decoders for {}; {} flow sink(s)",
                properties.workers(),
                properties.queueCapacity(),
                byProtocol.keySet(),
                sinkList.size());
        if (byProtocol.isEmpty()) {
            log.warn("no flow decoders: every datagram will be counted as UNSUPPORTED_VERSION");
        }
        return new WorkerPool(
                properties.workers(),
                properties.queueCapacity(),
                properties.queueWait(),
                byProtocol,
                sinkList,
                registry,
                interfaces,
                totals,
                clock);
    }

    @Bean
    UdpListeners udpListeners(IngestProperties properties, WorkerPool pool) {
        return new UdpListeners(properties, pool, new KernelDrops());
    }

    @Bean
    IngestMetrics ingestMetrics(
            IngestCounters totals, WorkerPool pool, UdpListeners listeners, ExporterRegistry registry) {
        return new IngestMetrics(totals, pool, listeners, registry);
    }
}
