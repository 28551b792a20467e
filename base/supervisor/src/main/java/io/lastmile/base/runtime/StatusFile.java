package io.lastmile.base.runtime;

import io.lastmile.platform.registry.ModuleView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry as last seen by base, written to var/run/modules.json after every health round, so
 * the local CLI can still report while auth (and so the token-protected API) is down.
 */
public final class StatusFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatusFile() {}

    public static Path of(AppliancePaths paths) {
        return paths.run().resolve("modules.json");
    }

    static void write(AppliancePaths paths, List<ModuleView> modules) {
        PrivateFiles.write(of(paths), JSON.writeValueAsString(modules));
    }

    /**
     * The last statuses base wrote, except that a module whose process is gone reads as DOWN: the
     * file may be older than a crash or a kill of base itself.
     */
    public static List<ModuleView> read(AppliancePaths paths) {
        Path file = of(paths);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Arrays.stream(JSON.readValue(file.toFile(), ModuleView[].class))
                .map(StatusFile::checkProcess)
                .toList();
    }

    private static ModuleView checkProcess(ModuleView module) {
        boolean alive = module.pid() != null
                && ProcessHandle.of(module.pid()).map(ProcessHandle::isAlive).orElse(false);
        if (alive || ModuleStatus.DISABLED.name().equals(module.status())) {
            return module;
        }
        return new ModuleView(module.name(), module.url(), ModuleStatus.DOWN.name(), null, null);
    }
}
