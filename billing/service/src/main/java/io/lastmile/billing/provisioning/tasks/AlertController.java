package io.lastmile.billing.provisioning.tasks;

import io.lastmile.billing.api.provisioning.AlertView;
import io.lastmile.billing.provisioning.alert.Alerts;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alerts for operators and the NOC: open ones by default, newest first; resolved by hand or by a later success. */
@RestController
@RequestMapping("/api/v1/provisioning/alerts")
class AlertController {

    private final Alerts alerts;

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping
    List<AlertView> list(
            @RequestParam(defaultValue = "true") boolean open,
            @RequestParam(required = false) Long userServiceId,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw InvalidRequestException.of("limit", "must be from 1 to 1000");
        }
        return alerts.list(open, userServiceId, limit);
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping("/{id}/resolve")
    @Transactional
    void resolve(@PathVariable long id, Authentication caller) {
        if (!alerts.resolve(id, caller.getName())) {
            throw new ConflictException("alert " + id + " does not exist or is already resolved");
        }
    }
}
