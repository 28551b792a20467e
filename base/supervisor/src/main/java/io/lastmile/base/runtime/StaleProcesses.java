package io.lastmile.base.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Module processes left behind by a base that was killed: found by their pid files and checked by
 * their command line (a pid may have been reused), then stopped.
 */
public final class StaleProcesses {

    private static final Logger log = LoggerFactory.getLogger(StaleProcesses.class);

    private StaleProcesses() {}

    public static void stop(AppliancePaths paths, Collection<String> modules) {
        for (String module : modules) {
            find(paths.pidFile(module), "-Dlastmile.module=" + module).ifPresent(process -> {
                log.warn("stopping {} (pid {}) left over from an earlier run", module, process.pid());
                process.destroy();
                process.onExit()
                        .orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
                        .exceptionally(e -> {
                            process.destroyForcibly();
                            return process;
                        })
                        .join();
            });
        }
    }

    /** The live process named in the pid file whose command line contains the marker. */
    public static Optional<ProcessHandle> find(Path pidFile, String marker) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p ->
                            p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
