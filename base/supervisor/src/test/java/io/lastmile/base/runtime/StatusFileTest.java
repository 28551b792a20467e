package io.lastmile.base.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.registry.ModuleView;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {

    @TempDir
    Path var;

    @Test
    void readsAModuleWhoseProcessIsGoneAsDown() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        long self = ProcessHandle.current().pid();
        AppliancePaths paths = AppliancePaths.of(var, Path.of("a.yml"), var);
        paths.createDirectories();
        StatusFile.write(
                paths,
                List.of(
                        new ModuleView("base", "http://127.0.1.1:8080", "UP", self, 100L),
                        new ModuleView("billing", "http://127.0.1.3:8080", "UP", finished.pid(), 200L),
                        new ModuleView("fiscal", "http://127.0.1.5:8080", "DISABLED", null, null)));

        assertThat(StatusFile.read(paths))
                .containsExactly(
                        new ModuleView("base", "http://127.0.1.1:8080", "UP", self, 100L),
                        new ModuleView("billing", "http://127.0.1.3:8080", "DOWN", null, null),
                        new ModuleView("fiscal", "http://127.0.1.5:8080", "DISABLED", null, null));
    }
}
