package io.lastmile.base;

import io.lastmile.base.cli.Cli;
import io.lastmile.base.config.ApplianceConfig;
import io.lastmile.base.config.ApplianceConfigLoader;
import io.lastmile.base.runtime.AppliancePaths;
import io.lastmile.base.runtime.HealthProbe;
import io.lastmile.base.runtime.ModuleEnvironment;
import io.lastmile.base.runtime.PrivateFiles;
import io.lastmile.base.runtime.Secrets;
import io.lastmile.base.runtime.Supervisor;
import io.lastmile.base.runtime.SupervisorTimings;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * base: the supervisor of the appliance. `java -jar lastmile-base.jar` runs it; `java -jar
 * lastmile-base.jar cli ...` is the command line behind ./lastmile.
 */
@SpringBootApplication
public class BaseApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("cli")) {
            System.exit(Cli.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        AppliancePaths paths = ApplianceLocation.fromEnvironment();
        ApplianceConfig config = ApplianceConfigLoader.load(paths.config());
        paths.createDirectories();
        Secrets secrets = Secrets.open(paths.secrets());
        PrivateFiles.write(
                paths.pidFile(ApplianceConfig.SUPERVISOR),
                Long.toString(ProcessHandle.current().pid()));

        SpringApplication app = new SpringApplication(BaseApplication.class);
        Map<String, Object> defaults =
                new HashMap<>(new ModuleEnvironment(config, secrets).platform(ApplianceConfig.SUPERVISOR));
        defaults.put("spring.application.name", ApplianceConfig.SUPERVISOR);
        defaults.put("server.address", config.supervisor().address());
        defaults.put("server.port", config.supervisor().port());
        app.setDefaultProperties(defaults);
        app.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("applianceConfig", config);
            context.getBeanFactory().registerSingleton("appliancePaths", paths);
            context.getBeanFactory().registerSingleton("applianceSecrets", secrets);
        });
        app.run(args);
    }

    @Bean
    Supervisor supervisor(ApplianceConfig config, AppliancePaths paths, Secrets secrets, Clock clock) {
        return new Supervisor(config, paths, secrets, new HealthProbe(), SupervisorTimings.standard(), clock);
    }
}
