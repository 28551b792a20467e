package io.lastmile.platform.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.web.client.RestClient;

/** Finds the other modules through the supervisor's registry (`GET /api/v1/modules`). */
public class RegistryClient {

    private final RestClient registry;

    public RegistryClient(RestClient registry) {
        this.registry = registry;
    }

    public List<ModuleView> modules() {
        ModuleView[] modules = registry.get().uri("/api/v1/modules").retrieve().body(ModuleView[].class);
        return modules == null ? List.of() : Arrays.asList(modules);
    }

    public Optional<ModuleView> module(String name) {
        return modules().stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
