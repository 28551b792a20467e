package io.lastmile.base.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders modules so that each comes after everything it depends on; stopping is the reverse. */
final class StartOrder {

    private StartOrder() {}

    /**
     * Dependencies outside the given list (base itself, or a module that is not run) are taken as
     * already satisfied; the configuration loader has rejected unknown names and cycles before.
     */
    static List<ModuleConfig> of(List<ModuleConfig> modules) {
        Map<String, ModuleConfig> byName = new LinkedHashMap<>();
        modules.forEach(m -> byName.put(m.name(), m));
        Set<String> placed = new LinkedHashSet<>();
        List<ModuleConfig> order = new ArrayList<>();
        while (order.size() < modules.size()) {
            // the first listed module whose dependencies are all placed goes next: a stable order
            ModuleConfig next = modules.stream()
                    .filter(m -> !placed.contains(m.name()))
                    .filter(m -> m.dependsOn().stream().allMatch(d -> placed.contains(d) || !byName.containsKey(d)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("modules depend on each other in a cycle: "
                            + modules.stream()
                                    .map(ModuleConfig::name)
                                    .filter(n -> !placed.contains(n))
                                    .toList()));
            placed.add(next.name());
            order.add(next);
        }
        return order;
    }
}
