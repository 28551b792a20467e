package io.lastmile.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Roles;
import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.RoleMatrix;
import io.lastmile.testkit.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every /api route of fiscal, from its request mappings, called with no token and with a token
 * of each seeded role: the roles its permissions name are let in, the others get 403.
 */
@ExtendWith(PostgresExtension.class)
@Import(RoleMatrixIT.Tokens.class)
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
class RoleMatrixIT {

    static final TestTokens TOKENS = TestTokens.generate();

    @TestConfiguration
    static class Tokens {
        @Bean
        JwtDecoder jwtDecoder() {
            return TOKENS.decoder();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
    }

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    private ApiRoutes.Route route(String route) {
        return ApiRoutes.of(context).stream()
                .filter(r -> r.toString().equals(route))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + route));
    }

    @Test
    void answersEveryRouteAsItsPermissionsSay() {
        List<ApiRoutes.Route> routes = ApiRoutes.of(context);

        List<RoleMatrix.Call> calls = new RoleMatrix("http://127.0.0.1:" + port, TOKENS, 1).run(routes);

        assertThat(routes).extracting(ApiRoutes.Route::toString).containsExactlyInAnyOrder("GET /api/v1/receipts");
        assertThat(RoleMatrix.violations(calls)).isEmpty();
        assertThat(calls)
                .as("every call let in reaches the handler and is answered")
                .filteredOn(RoleMatrix.Call::allowed)
                .isNotEmpty()
                .allMatch(call -> call.status() == 200, "answered 200");
    }

    @Test
    void letsInTheRolesWhoseWorkItIs() {
        assertThat(RoleMatrix.rolesAllowed(route("GET /api/v1/receipts")))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.READ_ONLY, Roles.SERVICE);
    }
}
