package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.TrafficMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The subscriber map the collector caches: its version and content from one snapshot. */
@Service
class TrafficMaps {

    private final MapVersionRepository version;
    private final TrafficMapRepository map;
    private final TrafficClassRepository classes;

    TrafficMaps(MapVersionRepository version, TrafficMapRepository map, TrafficClassRepository classes) {
        this.version = version;
        this.map = map;
        this.classes = classes;
    }

    @Transactional(readOnly = true)
    long version() {
        return version.current();
    }

    /** Version and content seen by one snapshot, so that a version never names other content. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    TrafficMap current() {
        long v = version.current();
        return new TrafficMap(v, map.subscribers(), map.classes(), classes.defaultCode());
    }
}
