package io.lastmile.base.config;

import java.util.List;
import java.util.Optional;

/**
 * The appliance: how it runs (dev: an embedded PostgreSQL under var/; appliance: the PostgreSQL
 * it is given), its database server and its modules.
 */
public record ApplianceConfig(Mode mode, PostgresConfig postgres, List<ModuleConfig> modules) {

    public static final String SUPERVISOR = "base";
    public static final String AUTH = "auth";

    public enum Mode {
        DEV,
        APPLIANCE
    }

    public ApplianceConfig {
        modules = List.copyOf(modules);
    }

    public Optional<ModuleConfig> module(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public ModuleConfig supervisor() {
        return module(SUPERVISOR).orElseThrow();
    }

    public ModuleConfig auth() {
        return module(AUTH).orElseThrow();
    }

    /** The modules base starts as child processes, in an order where each follows its dependencies. */
    public List<ModuleConfig> startOrder() {
        return StartOrder.of(modules.stream()
                .filter(ModuleConfig::enabled)
                .filter(m -> !m.isSupervisor())
                .toList());
    }
}
