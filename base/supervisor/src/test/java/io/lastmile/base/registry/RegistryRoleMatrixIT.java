package io.lastmile.base.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import io.lastmile.base.BaseApplication;
import io.lastmile.base.config.ApplianceConfig;
import io.lastmile.base.config.ApplianceConfigLoader;
import io.lastmile.base.runtime.Supervisor;
import io.lastmile.platform.registry.ModuleView;
import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Roles;
import io.lastmile.testkit.RoleMatrix;
import io.lastmile.testkit.TestTokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * base's registry API behind the real resource-server chain, every route from its request
 * mappings called with each seeded role. The supervisor itself is a mock: no module is started.
 */
@Import(RegistryRoleMatrixIT.Beans.class)
@SpringBootTest(
        classes = BaseApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
class RegistryRoleMatrixIT {

    static final TestTokens TOKENS = TestTokens.generate();

    @TestConfiguration
    static class Beans {
        @Bean
        JwtDecoder jwtDecoder() {
            return TOKENS.decoder();
        }

        @Bean
        ApplianceConfig applianceConfig() {
            return ApplianceConfigLoader.load(Path.of("../../config/appliance.yml"));
        }
    }

    @MockitoBean
    Supervisor supervisor;

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void answersEveryRouteAsItsPermissionsSay() {
        when(supervisor.view()).thenReturn(List.of(new ModuleView("billing", "http://127.0.1.3:8080", "UP", 1L, 200L)));
        List<ApiRoutes.Route> routes = ApiRoutes.of(context);

        List<RoleMatrix.Call> calls = new RoleMatrix("http://127.0.0.1:" + port, TOKENS, 1)
                .variables(route -> Map.of("name", "billing"))
                .run(routes);

        assertThat(routes)
                .extracting(ApiRoutes.Route::toString)
                .containsExactlyInAnyOrder("GET /api/v1/modules", "GET /api/v1/modules/{name}");
        assertThat(RoleMatrix.violations(calls)).isEmpty();
        assertThat(calls).filteredOn(RoleMatrix.Call::allowed).isNotEmpty().allMatch(c -> c.status() == 200);
        routes.forEach(route -> assertThat(RoleMatrix.rolesAllowed(route))
                .as("%s", route)
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.NOC, Roles.READ_ONLY, Roles.SERVICE));
    }
}
