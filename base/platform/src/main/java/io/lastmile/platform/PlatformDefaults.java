package io.lastmile.platform;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every module shares, at the lowest precedence so a module's own configuration wins:
 * actuator endpoints, problem details, graceful shutdown, no open-in-view.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.of(
            "management.endpoints.web.exposure.include", "health,info,prometheus",
            "management.endpoint.health.probes.enabled", "true",
            "management.info.java.enabled", "true",
            // /actuator/info names the module, so a caller can tell who answers on an address
            "management.info.env.enabled", "true",
            "info.module", "${spring.application.name:unknown}",
            "spring.mvc.problemdetails.enabled", "true",
            "server.shutdown", "graceful",
            "spring.lifecycle.timeout-per-shutdown-phase", "10s",
            "spring.threads.virtual.enabled", "true",
            "spring.main.banner-mode", "off");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("lastmile-platform-defaults", DEFAULTS));
    }
}
