package io.lastmile.base.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartOrderTest {

    private static ModuleConfig module(String name, String... dependsOn) {
        return new ModuleConfig(
                name, true, "127.0.0.1", 8080, null, name + ".jar", null, null, null, List.of(dependsOn));
    }

    private static List<String> names(List<ModuleConfig> modules) {
        return modules.stream().map(ModuleConfig::name).toList();
    }

    @Test
    void startsEachModuleAfterEverythingItDependsOn() {
        List<ModuleConfig> order = StartOrder.of(List.of(
                module("cabinet", "billing", "auth"),
                module("billing", "auth"),
                module("fiscal", "billing"),
                module("auth")));

        assertThat(names(order)).containsExactly("auth", "billing", "cabinet", "fiscal");
    }

    @Test
    void keepsTheListedOrderAmongIndependentModules() {
        assertThat(names(StartOrder.of(List.of(module("b"), module("a"), module("c")))))
                .containsExactly("b", "a", "c");
    }

    @Test
    void takesDependenciesThatAreNotStartedAsSatisfied() {
        assertThat(names(StartOrder.of(List.of(module("billing", "base"))))).containsExactly("billing");
    }

    @Test
    void refusesACycleAndNamesItsModules() {
        assertThatThrownBy(() -> StartOrder.of(List.of(module("auth"), module("a", "b"), module("b", "a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle: [a, b]");
    }
}
