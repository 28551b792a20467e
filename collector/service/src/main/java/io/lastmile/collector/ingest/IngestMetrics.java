package io.lastmile.collector.ingest;

import io.lastmile.collector.exporter.ExporterRegistry;
import io.lastmile.collector.flow.DropReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The pipeline's totals as Micrometer meters (Prometheus at /actuator/prometheus): no tag per
 * exporter (there may be thousands); per exporter, see the status API.
 */
final class IngestMetrics implements MeterBinder {

    private final IngestCounters totals;
    private final WorkerPool pool;
    private final UdpListeners listeners;
    private final ExporterRegistry registry;

    IngestMetrics(IngestCounters totals, WorkerPool pool, UdpListeners listeners, ExporterRegistry registry) {
        this.totals = totals;
        this.pool = pool;
        this.listeners = listeners;
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        FunctionCounter.builder("lastmile.collector.packets", totals, IngestCounters::packets)
                .description("datagrams taken for decoding")
                .register(meters);
        FunctionCounter.builder("lastmile.collector.bytes", totals, IngestCounters::bytes)
                .baseUnit("bytes")
                .description("UDP payload bytes taken for decoding")
                .register(meters);
        FunctionCounter.builder("lastmile.collector.flows", totals, IngestCounters::flows)
                .description("flow records decoded and handed to the sinks")
                .register(meters);
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder("lastmile.collector.drops", totals, t -> drops(t, reason))
                    .tag("reason", reason.name())
                    .description("packets, sets or records dropped, by reason")
                    .register(meters);
        }
        for (int i = 0; i < pool.workers(); i++) {
            int worker = i;
            Gauge.builder("lastmile.collector.queue.depth", pool, p -> p.queued(worker))
                    .tag("worker", Integer.toString(worker))
                    .description("datagrams waiting for a decoder worker")
                    .register(meters);
        }
        Gauge.builder("lastmile.collector.exporters", registry, ExporterRegistry::size)
                .description("exporters with counters in memory")
                .register(meters);
    }

    private double drops(IngestCounters t, DropReason reason) {
        if (reason == DropReason.KERNEL_DROP) {
            return listeners.status().stream()
                    .mapToLong(UdpListeners.ListenerStatus::kernelDrops)
                    .filter(d -> d > 0)
                    .sum();
        }
        return t.drops(reason);
    }
}
