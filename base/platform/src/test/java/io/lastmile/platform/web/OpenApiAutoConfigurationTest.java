package io.lastmile.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OpenApiAutoConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OpenApiAutoConfiguration.class));

    @Test
    void titlesTheDocumentWithTheModuleNameAndVersionFromTheBuild() {
        runner.withBean(BuildProperties.class, () -> build("billing", "1.2.3")).run(context -> {
            OpenAPI api = context.getBean(OpenAPI.class);
            assertThat(api.getInfo().getTitle()).isEqualTo("billing");
            assertThat(api.getInfo().getVersion()).isEqualTo("1.2.3");
        });
    }

    @Test
    void prefersTheApplicationNameTheSupervisorGives() {
        runner.withPropertyValues("spring.application.name=fiscal")
                .withBean(BuildProperties.class, () -> build("billing", "1.2.3"))
                .run(context -> assertThat(
                                context.getBean(OpenAPI.class).getInfo().getTitle())
                        .isEqualTo("fiscal"));
    }

    @Test
    void requiresABearerJwtForEveryOperation() {
        runner.run(context -> {
            OpenAPI api = context.getBean(OpenAPI.class);
            SecurityScheme scheme = api.getComponents().getSecuritySchemes().get(OpenApiAutoConfiguration.BEARER_JWT);
            assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.HTTP);
            assertThat(scheme.getScheme()).isEqualTo("bearer");
            assertThat(scheme.getBearerFormat()).isEqualTo("JWT");
            assertThat(api.getSecurity()).singleElement().satisfies(requirement -> assertThat(requirement)
                    .containsKey(OpenApiAutoConfiguration.BEARER_JWT));
            assertThat(api.getInfo().getVersion()).isEqualTo("dev");
        });
    }

    @Test
    void leavesAModulesOwnDocumentAlone() {
        runner.withBean(OpenAPI.class, () -> new OpenAPI().info(new Info().title("own")))
                .run(context -> assertThat(
                                context.getBean(OpenAPI.class).getInfo().getTitle())
                        .isEqualTo("own"));
    }

    private static BuildProperties build(String module, String version) {
        Properties entries = new Properties();
        entries.setProperty("module", module);
        entries.setProperty("artifact", "lastmile-" + module + "-service");
        entries.setProperty("version", version);
        return new BuildProperties(entries);
    }
}
