package io.lastmile.base.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.base.config.ApplianceConfig;
import io.lastmile.base.config.ApplianceConfigLoader;
import io.lastmile.base.config.ModuleConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void billingsSecretKeyLivesInTheAppliancesStateDirectory() {
        ApplianceConfig config = ApplianceConfigLoader.load(Path.of("../../config/appliance.yml"));
        Path var = dir.resolve("state");
        ModuleEnvironment environment = new ModuleEnvironment(config, Secrets.open(dir.resolve("secrets")), var);

        ModuleConfig billing = config.modules().stream()
                .filter(m -> m.name().equals("billing"))
                .findFirst()
                .orElseThrow();
        ModuleConfig cabinet = config.modules().stream()
                .filter(m -> m.name().equals("cabinet"))
                .findFirst()
                .orElseThrow();

        assertThat(environment.forModule(billing, Optional.empty()))
                .containsEntry(
                        "lastmile.billing.secrets.key-file",
                        var.resolve("billing").resolve("secret.key").toString());
        assertThat(environment.forModule(cabinet, Optional.empty()))
                .doesNotContainKey("lastmile.billing.secrets.key-file");
    }

    @Test
    void registersEveryModuleAndTheCliInAuthWithEveryPermission() {
        ApplianceConfig config = ApplianceConfigLoader.load(Path.of("../../config/appliance.yml"));
        ModuleEnvironment environment = new ModuleEnvironment(config, Secrets.open(dir.resolve("secrets")), dir);
        ModuleConfig auth = config.module(ApplianceConfig.AUTH).orElseThrow();

        Map<String, String> settings = environment.forModule(auth, Optional.empty());

        Map<String, String> clients = new TreeMap<>();
        Map<String, String> roles = new TreeMap<>();
        Map<String, String> permissions = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (key.matches("lastmile\\.auth\\.clients\\[\\d+]\\.id")) {
                String prefix = key.substring(0, key.length() - "id".length());
                clients.put(value, prefix);
            }
        });
        clients.forEach((id, prefix) -> {
            roles.put(id, settings.get(prefix + "roles"));
            permissions.put(id, settings.get(prefix + "permissions"));
        });

        assertThat(clients).containsKeys("billing", "cabinet", "fiscal", "collector", "monitoring", "cli");
        assertThat(roles).containsEntry("billing", "service").containsEntry("cli", "admin");
        assertThat(permissions.values()).isNotEmpty().containsOnly("*");
    }
}
