package io.lastmile.collector.traffic;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the traffic pipeline stands, and the traffic of no subscriber, for the NOC. */
@RestController
class TrafficController {

    private final TrafficCollector collector;

    TrafficController(TrafficCollector collector) {
        this.collector = collector;
    }

    @RequiresPermission(Permissions.COLLECTOR_READ)
    @GetMapping("/api/v1/traffic/status")
    TrafficStatus status() {
        return collector.status();
    }

    /** Per exporter and minute, newest first, over the configured window; filled at each flush. */
    @RequiresPermission(Permissions.COLLECTOR_READ)
    @GetMapping("/api/v1/traffic/unmatched")
    List<UnmatchedTraffic.Minute> unmatched() {
        return collector.unmatched();
    }
}
