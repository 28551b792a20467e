package io.lastmile.collector.ingest;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The UDP listeners and the workers behind them, for the NOC. */
@RestController
class ListenerController {

    private final UdpListeners listeners;
    private final WorkerPool pool;
    private final IngestCounters totals;
    private final IngestProperties properties;

    ListenerController(UdpListeners listeners, WorkerPool pool, IngestCounters totals, IngestProperties properties) {
        this.listeners = listeners;
        this.pool = pool;
        this.totals = totals;
        this.properties = properties;
    }

    @RequiresPermission(Permissions.COLLECTOR_READ)
    @GetMapping("/api/v1/collector/listeners")
    CollectorView listeners() {
        List<Integer> queued = new ArrayList<>();
        for (int i = 0; i < pool.workers(); i++) {
            queued.add(pool.queued(i));
        }
        Map<String, Long> unattributed = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            long n = totals.unattributedDrops(r);
            if (n > 0) {
                unattributed.put(r.name(), n);
            }
        }
        return new CollectorView(
                listeners.status(),
                new WorkersView(pool.workers(), properties.queueCapacity(), queued),
                totals.packets(),
                totals.flows(),
                unattributed);
    }

    /**
     * @param unattributedDrops drops a decoder reported outside any packet (expired held data),
     *     which no exporter's counters hold
     */
    record CollectorView(
            List<UdpListeners.ListenerStatus> listeners,
            WorkersView workers,
            long packets,
            long flows,
            Map<String, Long> unattributedDrops) {}

    record WorkersView(int count, int queueCapacity, List<Integer> queued) {}
}
