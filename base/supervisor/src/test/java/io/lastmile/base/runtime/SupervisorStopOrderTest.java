package io.lastmile.base.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.base.config.ApplianceConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorStopOrderTest {

    @TempDir
    Path var;

    @Test
    void stopsEveryModuleBeforeTheModulesItDependsOn() {
        var config = ApplianceConfigLoader.parse("test", """
                mode: dev
                postgres: {}
                modules:
                  - {name: base, address: 127.0.1.1, port: 8080}
                  - {name: cabinet, address: 127.0.1.4, port: 8080, jar: c.jar, dependsOn: [billing]}
                  - {name: billing, address: 127.0.1.3, port: 8080, jar: b.jar, dependsOn: [auth]}
                  - {name: auth, address: 127.0.1.2, port: 8080, jar: a.jar}
                """);
        Supervisor supervisor = new Supervisor(
                config,
                AppliancePaths.of(var, Path.of("a.yml"), var),
                Secrets.open(var.resolve("secrets.properties")),
                new HealthProbe(),
                SupervisorTimings.standard(),
                Clock.systemUTC());

        assertThat(supervisor.stopOrder()).containsExactly("cabinet", "billing", "auth");
    }
}
