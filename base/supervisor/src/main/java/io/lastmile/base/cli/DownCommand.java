package io.lastmile.base.cli;

import io.lastmile.base.runtime.StaleProcesses;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops base, which stops the modules in reverse order and then PostgreSQL; then makes sure that
 * nothing is left, even after a base that had been killed.
 */
final class DownCommand {

    private static final long BASE_GRACE_SECONDS = 120;

    private final ApplianceClient appliance;
    private final PrintStream out;

    DownCommand(ApplianceClient appliance, PrintStream out) {
        this.appliance = appliance;
        this.out = out;
    }

    int run() {
        Optional<ProcessHandle> base = appliance.baseProcess();
        if (base.isPresent()) {
            out.println("stopping base (pid " + base.get().pid() + ") and its modules...");
            stop(base.get(), BASE_GRACE_SECONDS);
        }
        var modules = appliance.config.modules().stream().map(m -> m.name()).toList();
        StaleProcesses.stop(appliance.paths, modules);
        stopPostgres();
        out.println("Lastmile is stopped.");
        return 0;
    }

    /**
     * base stops its embedded PostgreSQL itself; this catches one left by a killed base. Done means
     * postmaster.pid is gone: PostgreSQL removes it last, and a finished postmaster may linger as
     * a zombie that still looks alive.
     */
    private void stopPostgres() {
        Path pidFile = appliance.paths.pgdata().resolve("postmaster.pid");
        postmaster().ifPresent(pg -> {
            out.println("stopping the embedded PostgreSQL (pid " + pg.pid() + ")");
            pg.destroy();
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.exists(pidFile) && postmaster().isPresent() && System.nanoTime() < deadline) {
            sleep();
        }
        postmaster().ifPresent(ProcessHandle::destroyForcibly);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = appliance.paths.pgdata().resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static void stop(ProcessHandle process, long graceSeconds) {
        process.destroy();
        try {
            process.onExit().get(graceSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
