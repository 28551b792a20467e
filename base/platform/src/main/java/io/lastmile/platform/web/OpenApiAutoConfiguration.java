package io.lastmile.platform.web;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The frame of a module's OpenAPI document, when the module has springdoc on its classpath: the
 * module's name as the title, its version, and the bearer JWT from auth required by every
 * operation. springdoc fills in the paths and the schemas from the controllers.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.configuration.SpringDocConfiguration")
public class OpenApiAutoConfiguration {

    /** The name of the security scheme in `components.securitySchemes`. */
    public static final String BEARER_JWT = "bearer-jwt";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI lastmileOpenApi(Environment environment, ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        // the supervisor names each module it starts; a test or a bare run has only the build's name
        String module = environment.getProperty("spring.application.name");
        if (!StringUtils.hasText(module)) {
            module = properties == null ? "lastmile" : moduleOf(properties);
        }
        String version = properties == null || properties.getVersion() == null ? "dev" : properties.getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title(module)
                        .version(version)
                        .description("Lastmile module " + module
                                + ". Every operation needs a bearer token (JWT) issued by auth."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER_JWT,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token from auth: client credentials for modules,"
                                                + " authorization code for operators, `./lastmile token` for scripts")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
    }

    /**
     * Each operation names the permissions it needs, as `x-permissions` and in its description,
     * from the handler's {@link RequiresPermission}.
     */
    @Bean
    OperationCustomizer lastmilePermissionsInOperations() {
        return (operation, handler) -> {
            RequiresPermission declared = handler.getMethodAnnotation(RequiresPermission.class);
            if (declared != null) {
                List<String> permissions = List.of(declared.value());
                operation.addExtension("x-permissions", permissions);
                String needs = "Needs " + (permissions.size() == 1 ? "the permission " : "one of the permissions ")
                        + String.join(", ", permissions)
                        + (permissions.contains(Permissions.SELF)
                                ? " (with self: the subscriber's own account only)"
                                : "")
                        + ".";
                operation.setDescription(
                        operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
            }
            return operation;
        };
    }

    private static String moduleOf(BuildProperties properties) {
        String module = properties.get("module");
        return module == null ? properties.getArtifact() : module;
    }
}
