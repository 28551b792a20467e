package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.TrafficMap;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The subscriber map for the collector, with its version as the ETag: a collector that names the
 * version it holds in If-None-Match gets 304 and no body until something changes.
 */
@RestController
class TrafficMapController {

    private final TrafficMaps maps;

    TrafficMapController(TrafficMaps maps) {
        this.maps = maps;
    }

    @RequiresPermission(Permissions.COLLECTOR_READ)
    @GetMapping("/api/v1/traffic/map")
    ResponseEntity<TrafficMap> map(@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        if (ifNoneMatch != null) {
            long version = maps.version();
            if (matches(ifNoneMatch, version)) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                        .eTag(etag(version))
                        .build();
            }
        }
        TrafficMap map = maps.current();
        return ResponseEntity.ok().eTag(etag(map.version())).body(map);
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Whether If-None-Match (a list of tags, weak or strong, or *) names `version`. */
    static boolean matches(String ifNoneMatch, long version) {
        String current = etag(version);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
