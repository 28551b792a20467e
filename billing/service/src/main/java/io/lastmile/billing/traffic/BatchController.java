package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.BatchResult;
import io.lastmile.billing.api.traffic.TrafficBatch;
import io.lastmile.billing.web.RequestReader;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Usage batches from the collector: booked once per batchId, 200 also for a replay. */
@RestController
class BatchController {

    private final Batches batches;
    private final RequestReader reader;

    BatchController(Batches batches, RequestReader reader) {
        this.batches = batches;
        this.reader = reader;
    }

    @RequiresPermission(Permissions.COLLECTOR_WRITE)
    @PostMapping("/api/v1/traffic/batches")
    BatchResult book(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = TrafficBatch.class)))
                    @RequestBody
                    JsonNode request) {
        return batches.book(reader.read(request, TrafficBatch.class));
    }
}
