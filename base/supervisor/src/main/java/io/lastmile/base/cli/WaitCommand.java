package io.lastmile.base.cli;

import io.lastmile.base.config.ModuleConfig;
import io.lastmile.platform.registry.ModuleView;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** `./lastmile up`'s second half: wait for every enabled module, then show where everything is. */
final class WaitCommand {

    private final ApplianceClient appliance;
    private final PrintStream out;

    WaitCommand(ApplianceClient appliance, PrintStream out) {
        this.appliance = appliance;
        this.out = out;
    }

    int run(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Set<String> enabled = appliance.config.modules().stream()
                .filter(ModuleConfig::enabled)
                .map(ModuleConfig::name)
                .collect(Collectors.toSet());
        Map<String, String> seen = new HashMap<>();
        List<ModuleView> modules = List.of();
        while (System.nanoTime() < deadline) {
            if (appliance.baseProcess().isEmpty()) {
                out.println("base is not running: see " + appliance.paths.log("base"));
                return 1;
            }
            modules = appliance.modules();
            report(modules, seen, started);
            if (modules.stream().filter(m -> enabled.contains(m.name())).allMatch(m -> m.status()
                            .equals("UP"))
                    && modules.size() == appliance.config.modules().size()) {
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("%nall %d modules are UP after %.1f s%n%n", enabled.size(), seconds);
                StatusTable.print(modules, false, out);
                showAdmin();
                return 0;
            }
            sleep();
        }
        out.println("\nnot every module is UP after " + timeout.toSeconds() + " s:");
        StatusTable.print(modules, false, out);
        out.println("logs: " + appliance.paths.logs() + " (./lastmile logs MODULE)");
        return 1;
    }

    private void report(List<ModuleView> modules, Map<String, String> seen, long started) {
        for (ModuleView m : modules) {
            if (!m.status().equals(seen.put(m.name(), m.status()))) {
                out.printf("  %5.1f s  %-11s %s%n", (System.nanoTime() - started) / 1e9, m.name(), m.status());
            }
        }
    }

    /** The first operator's password is shown once, then its file is removed. */
    private void showAdmin() {
        out.println();
        out.println("operator login: admin");
        var file = appliance.paths.initialAdminPassword();
        try {
            if (Files.exists(file)) {
                out.println("password:       " + Files.readString(file).trim() + "   (shown once: note it now)");
                Files.delete(file);
            } else {
                out.println("password:       the one shown at the first ./lastmile up");
            }
        } catch (IOException e) {
            out.println("password:       in " + file + " (could not read it: " + e.getMessage() + ")");
        }
        out.println("API token:      ./lastmile token");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
