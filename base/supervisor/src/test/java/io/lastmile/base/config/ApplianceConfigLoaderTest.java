package io.lastmile.base.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ApplianceConfigLoaderTest {

    private static final String MINIMAL = """
            mode: dev
            postgres: {port: 15432}
            modules:
              - {name: base, address: 127.0.1.1, port: 8080, database: false}
              - {name: auth, address: 127.0.1.2, port: 8080, jar: auth.jar}
            """;

    @Test
    void readsTheShippedConfigurationWithEveryModuleOnItsOwnAddress() {
        ApplianceConfig config = ApplianceConfigLoader.load(Path.of("../../config/appliance.yml"));

        assertThat(config.mode()).isEqualTo(ApplianceConfig.Mode.DEV);
        assertThat(config.modules())
                .extracting(ModuleConfig::name)
                .containsExactly("base", "auth", "billing", "cabinet", "fiscal", "collector", "monitoring");
        assertThat(config.modules())
                .extracting(ModuleConfig::address)
                .containsExactly(
                        "127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.4", "127.0.1.5", "127.0.1.6", "127.0.1.7");
        assertThat(config.module("collector").orElseThrow().ports()).containsEntry("netflow", 2055);
        assertThat(config.startOrder().getFirst().name()).isEqualTo("auth");
    }

    @Test
    void appliesDefaultsForWhatAModuleLeavesOut() {
        ModuleConfig auth = ApplianceConfigLoader.parse("test", MINIMAL).auth();

        assertThat(auth.enabled()).isTrue();
        assertThat(auth.database()).isTrue();
        assertThat(auth.heapMb()).isEqualTo(ModuleConfig.DEFAULT_HEAP_MB);
        assertThat(auth.dependsOn()).isEmpty();
        assertThat(auth.url()).isEqualTo("http://127.0.1.2:8080");
    }

    @Test
    void listsEveryProblemOfABadModuleAtOnce() {
        String yaml = MINIMAL + """
                  - {name: billing, address: billing.local, port: 70000, heapMb: 8}
                """;

        assertThatThrownBy(() -> ApplianceConfigLoader.parse("bad.yml", yaml))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("bad.yml")
                .hasMessageContaining("address 'billing.local' is not an IP address")
                .hasMessageContaining("'jar' is missing")
                .hasMessageContaining("heapMb 8 is below")
                .hasMessageContaining("port http=70000 is not between 1 and 65535");
    }

    @Test
    void refusesTwoModulesOnTheSameAddressAndPort() {
        String yaml = MINIMAL + """
                  - {name: billing, address: 127.0.1.2, port: 8080, jar: b.jar}
                """;

        assertThatThrownBy(() -> ApplianceConfigLoader.parse("test", yaml))
                .hasMessageContaining("127.0.1.2:8080 is also used by 'auth'");
    }

    @Test
    void refusesUnknownAndDisabledDependencies() {
        String yaml = MINIMAL + """
                  - {name: billing, address: 127.0.1.3, port: 8080, jar: b.jar, dependsOn: [ledger, cabinet]}
                  - {name: cabinet, enabled: false, address: 127.0.1.4, port: 8080, jar: c.jar}
                """;

        assertThatThrownBy(() -> ApplianceConfigLoader.parse("test", yaml))
                .hasMessageContaining("depends on unknown module 'ledger'")
                .hasMessageContaining("depends on 'cabinet', which is disabled");
    }

    @Test
    void refusesAnApplianceWithoutAuth() {
        String yaml = """
                mode: dev
                postgres: {}
                modules:
                  - {name: base, address: 127.0.1.1, port: 8080}
                """;

        assertThatThrownBy(() -> ApplianceConfigLoader.parse("test", yaml))
                .hasMessageContaining("module 'auth' must be listed and enabled");
    }

    @Test
    void refusesApplianceModeWithoutTheDatabasePassword() {
        assertThatThrownBy(() -> ApplianceConfigLoader.parse("test", MINIMAL.replace("mode: dev", "mode: appliance")))
                .hasMessageContaining("postgres.adminPassword is required in appliance mode");
    }

    @Test
    void namesAMisspelledKey() {
        assertThatThrownBy(() -> ApplianceConfigLoader.parse("test", MINIMAL.replace("port: 15432", "prot: 15432")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("prot");
    }

    @Test
    void refusesADependencyCycle() {
        String yaml = MINIMAL + """
                  - {name: billing, address: 127.0.1.3, port: 8080, jar: b.jar, dependsOn: [cabinet]}
                  - {name: cabinet, address: 127.0.1.4, port: 8080, jar: c.jar, dependsOn: [billing]}
                """;

        assertThatThrownBy(() -> ApplianceConfigLoader.parse("test", yaml))
                .hasMessageContaining("cycle")
                .hasMessageContaining("billing")
                .hasMessageContaining("cabinet");
    }

    @Test
    void saysWhenTheFileIsMissing() {
        assertThatThrownBy(() -> ApplianceConfigLoader.load(Path.of("no/such/appliance.yml")))
                .hasMessageContaining("no such configuration file");
    }
}
