package io.lastmile.platform;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every module shares, at the lowest precedence so a module's own configuration wins:
 * actuator endpoints, problem details, graceful shutdown, no open-in-view, the OpenAPI document.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.info.java.enabled", "true"),
            // /actuator/info names the module, so a caller can tell who answers on an address
            Map.entry("management.info.env.enabled", "true"),
            Map.entry("info.module", "${spring.application.name:unknown}"),
            Map.entry("spring.mvc.problemdetails.enabled", "true"),
            Map.entry("server.shutdown", "graceful"),
            Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "10s"),
            Map.entry("spring.threads.virtual.enabled", "true"),
            Map.entry("spring.main.banner-mode", "off"),
            // a module with springdoc publishes its API description on purpose (see OpenApiAutoConfiguration)
            Map.entry("springdoc.api-docs.enabled", "true"),
            Map.entry("springdoc.swagger-ui.enabled", "true"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("lastmile-platform-defaults", DEFAULTS));
    }
}
