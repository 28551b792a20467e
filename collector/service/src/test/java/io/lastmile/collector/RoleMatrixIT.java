package io.lastmile.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Roles;
import io.lastmile.testkit.RoleMatrix;
import io.lastmile.testkit.RoleMatrixTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every /api route of collector, from its request mappings, called with no token and with a token
 * of each seeded role: the roles its permissions name are let in, the others get 403.
 */
@SpringBootTest(
        classes = CollectorApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "lastmile.collector.traffic.spool-dir=target/role-matrix-traffic"})
class RoleMatrixIT extends RoleMatrixTestBase {

    @Test
    void answersEveryRouteAsItsPermissionsSay() {
        List<ApiRoutes.Route> routes = routes();

        List<RoleMatrix.Call> calls = callEveryRoute(1);

        assertThat(routes)
                .extracting(ApiRoutes.Route::toString)
                .containsExactlyInAnyOrder(
                        "GET /api/v1/exporters",
                        "GET /api/v1/exporters/status",
                        "GET /api/v1/exporters/status/{address}",
                        "GET /api/v1/exporters/status/{address}/interfaces",
                        "GET /api/v1/collector/listeners",
                        "GET /api/v1/traffic/status",
                        "GET /api/v1/traffic/unmatched");
        assertThat(RoleMatrix.violations(calls)).isEmpty();
        assertThat(calls)
                .as("every call let in reaches the handler and is answered")
                .filteredOn(RoleMatrix.Call::allowed)
                .isNotEmpty()
                .allMatch(
                        call -> call.status() == (namesAnExporter(call) ? 404 : 200),
                        "answered 200, or 404 for the exporter \"1\" that was never heard from");
    }

    private static boolean namesAnExporter(RoleMatrix.Call call) {
        return call.route().toString().contains("{address}");
    }

    @Test
    void letsInTheRolesWhoseWorkItIs() {
        for (String route : List.of(
                "GET /api/v1/exporters",
                "GET /api/v1/exporters/status",
                "GET /api/v1/exporters/status/{address}",
                "GET /api/v1/exporters/status/{address}/interfaces",
                "GET /api/v1/collector/listeners",
                "GET /api/v1/traffic/status",
                "GET /api/v1/traffic/unmatched")) {
            assertThat(RoleMatrix.rolesAllowed(route(route)))
                    .as(route)
                    .containsExactlyInAnyOrder(Roles.ADMIN, Roles.NOC, Roles.READ_ONLY, Roles.SERVICE);
        }
    }
}
