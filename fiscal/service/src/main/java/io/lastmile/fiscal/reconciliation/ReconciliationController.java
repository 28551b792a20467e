package io.lastmile.fiscal.reconciliation;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The daily reconciliations: read them, run a day again, import a payment missing on our side. */
@RestController
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationController {

    private final ReconciliationService service;

    ReconciliationController(ReconciliationService service) {
        this.service = service;
    }

    @RequiresPermission(Permissions.FISCAL_READ)
    @GetMapping("/api/v1/reconciliations")
    List<Reconciliation> list(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String provider,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw InvalidRequestException.of("limit", "must be between 1 and 500");
        }
        return service.find(from, to, provider, limit);
    }

    @RequiresPermission(Permissions.FISCAL_READ)
    @GetMapping("/api/v1/reconciliations/{id}")
    Reconciliation get(@PathVariable long id) {
        return service.get(id);
    }

    /** Reconciles a day again for every enabled provider (replacing that day's earlier result). */
    @RequiresPermission(Permissions.FISCAL_WRITE)
    @PostMapping("/api/v1/reconciliations/run")
    List<Reconciliation> run(@RequestParam LocalDate day) {
        return service.run(day);
    }

    @RequiresPermission(Permissions.FISCAL_WRITE)
    @PostMapping("/api/v1/reconciliations/{id}/items/{itemId}/import")
    BookingResult importMissing(@PathVariable long id, @PathVariable long itemId) {
        return service.importMissing(id, itemId);
    }
}
