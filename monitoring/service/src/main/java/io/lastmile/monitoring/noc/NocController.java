package io.lastmile.monitoring.noc;

import static io.lastmile.monitoring.db.Tables.ALERT;

import io.lastmile.platform.registry.ModuleView;
import io.lastmile.platform.registry.RegistryClient;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The NOC's view: every module from base's registry, with the alerts still open for it. */
@RestController
class NocController {

    private final RegistryClient registry;
    private final DSLContext db;

    NocController(RegistryClient registry, DSLContext db) {
        this.registry = registry;
        this.db = db;
    }

    @RequiresPermission(Permissions.MONITORING_READ)
    @GetMapping("/api/v1/noc/modules")
    List<ModuleHealth> modules() {
        Map<String, Integer> openAlerts = db.select(ALERT.MODULE, DSL.count())
                .from(ALERT)
                .where(ALERT.RESOLVED_AT.isNull())
                .groupBy(ALERT.MODULE)
                .fetchMap(ALERT.MODULE, DSL.count());
        return registry.modules().stream()
                .map(m -> new ModuleHealth(m, openAlerts.getOrDefault(m.name(), 0)))
                .collect(Collectors.toList());
    }

    record ModuleHealth(ModuleView module, int openAlerts) {}
}
