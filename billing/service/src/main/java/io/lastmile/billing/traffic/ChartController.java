package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.TrafficChart;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An account's traffic by class and direction; a subscriber sees their own. */
@RestController
class ChartController {

    private final Charts charts;

    ChartController(Charts charts) {
        this.charts = charts;
    }

    @RequiresPermission(
            value = {Permissions.LEDGER_READ, Permissions.SELF},
            account = "id")
    @GetMapping("/api/v1/accounts/{id}/traffic")
    TrafficChart traffic(
            @PathVariable long id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String step) {
        return charts.of(id, from, to, step);
    }
}
