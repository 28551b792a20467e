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

    @Test
    void givesAuthTheUiClientsBillingsAddressAndItsKeyFile() {
        ApplianceConfig config = ApplianceConfigLoader.load(Path.of("../../config/appliance.yml"));
        Path var = dir.resolve("state");
        Secrets secrets = Secrets.open(dir.resolve("secrets"));
        ModuleEnvironment environment = new ModuleEnvironment(config, secrets, var);

        Map<String, String> auth = environment.forModule(config.auth(), Optional.empty());
        Map<String, String> billing =
                environment.forModule(config.module("billing").orElseThrow(), Optional.empty());
        Map<String, String> cabinet =
                environment.forModule(config.module("cabinet").orElseThrow(), Optional.empty());

        assertThat(auth)
                .containsEntry("lastmile.auth.subscribers.billing-url", "http://127.0.1.3:8080")
                .containsEntry(
                        "lastmile.auth.secrets.key-file",
                        var.resolve("auth").resolve("secret.key").toString())
                .containsEntry("lastmile.platform.client.id", "auth")
                .containsEntry("lastmile.platform.auth.token-uri", "http://127.0.1.2:8080/oauth2/token");
        Map<String, Map<String, String>> uiClients = uiClients(auth);
        assertThat(uiClients).containsOnlyKeys("billing-ui", "cabinet-ui");
        assertThat(uiClients.get("billing-ui"))
                .containsEntry("login", "operator")
                .containsEntry("redirect-uris", "http://127.0.1.3:8080/login/oauth2/code/lastmile");
        assertThat(uiClients.get("cabinet-ui"))
                .containsEntry("login", "subscriber")
                .containsEntry("redirect-uris", "http://127.0.1.4:8080/login/oauth2/code/lastmile");
        // the UI and auth hold the same confidential client's secret
        assertThat(cabinet)
                .containsEntry("spring.security.oauth2.client.registration.lastmile.client-id", "cabinet-ui")
                .containsEntry(
                        "spring.security.oauth2.client.registration.lastmile.client-secret",
                        uiClients.get("cabinet-ui").get("secret"));
        assertThat(billing)
                .containsEntry(
                        "spring.security.oauth2.client.registration.lastmile.client-secret",
                        uiClients.get("billing-ui").get("secret"));
        assertThat(uiClients.get("billing-ui").get("secret"))
                .isNotBlank()
                .isNotEqualTo(uiClients.get("cabinet-ui").get("secret"));
    }

    /** auth's `lastmile.auth.ui-clients[n].field` settings, by client id and field. */
    private static Map<String, Map<String, String>> uiClients(Map<String, String> settings) {
        Map<String, Map<String, String>> byIndex = new TreeMap<>();
        settings.forEach((key, value) -> {
            var match = java.util.regex.Pattern.compile("lastmile\\.auth\\.ui-clients\\[(\\d+)]\\.(.+)")
                    .matcher(key);
            if (match.matches()) {
                byIndex.computeIfAbsent(match.group(1), i -> new TreeMap<>()).put(match.group(2), value);
            }
        });
        Map<String, Map<String, String>> byId = new TreeMap<>();
        byIndex.values().forEach(fields -> byId.put(fields.get("id"), fields));
        return byId;
    }
}
