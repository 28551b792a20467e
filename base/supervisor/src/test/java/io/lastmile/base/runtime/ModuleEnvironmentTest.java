package io.lastmile.base.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.base.config.ApplianceConfig;
import io.lastmile.base.config.ApplianceConfigLoader;
import io.lastmile.base.config.ModuleConfig;
import java.nio.file.Path;
import java.util.Optional;
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
}
