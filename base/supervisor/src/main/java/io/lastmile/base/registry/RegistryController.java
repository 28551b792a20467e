package io.lastmile.base.registry;

import io.lastmile.base.config.ApplianceConfig;
import io.lastmile.base.config.ModuleConfig;
import io.lastmile.base.runtime.Supervisor;
import io.lastmile.platform.registry.ModuleView;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.NotFoundException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The module registry and configuration that modules and tools use to find each other. */
@RestController
class RegistryController {

    private final Supervisor supervisor;
    private final ApplianceConfig config;

    RegistryController(Supervisor supervisor, ApplianceConfig config) {
        this.supervisor = supervisor;
        this.config = config;
    }

    @RequiresPermission({Permissions.MODULES_ADMIN, Permissions.MONITORING_READ})
    @GetMapping("/api/v1/modules")
    List<ModuleView> modules() {
        return supervisor.view();
    }

    @RequiresPermission({Permissions.MODULES_ADMIN, Permissions.MONITORING_READ})
    @GetMapping("/api/v1/modules/{name}")
    ModuleDetails module(@PathVariable String name) {
        ModuleConfig module =
                config.module(name).orElseThrow(() -> new NotFoundException("no module named '" + name + "'"));
        ModuleView view = supervisor.view().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow();
        return new ModuleDetails(
                view,
                module.enabled(),
                module.address(),
                module.port(),
                module.ports(),
                module.heapMb(),
                module.dependsOn());
    }

    /** A module's registry entry with its configuration (never its secrets). */
    record ModuleDetails(
            ModuleView module,
            boolean enabled,
            String address,
            int port,
            Map<String, Integer> ports,
            int heapMb,
            List<String> dependsOn) {}
}
