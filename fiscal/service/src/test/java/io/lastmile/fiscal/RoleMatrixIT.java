package io.lastmile.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Roles;
import io.lastmile.testkit.RoleMatrix;
import io.lastmile.testkit.RoleMatrixTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every /api route of fiscal, from its request mappings, called with no token and with a token
 * of each seeded role: the roles its permissions name are let in, the others get 403.
 */
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
class RoleMatrixIT extends RoleMatrixTestBase {

    @Test
    void answersEveryRouteAsItsPermissionsSay() {
        List<ApiRoutes.Route> routes = routes();

        List<RoleMatrix.Call> calls = callEveryRoute(1);

        assertThat(routes)
                .extracting(ApiRoutes.Route::toString)
                .containsExactlyInAnyOrder(
                        "GET /api/v1/receipts",
                        "GET /api/v1/providers",
                        "GET /api/v1/providers/{provider}",
                        "PUT /api/v1/providers/{provider}",
                        "GET /api/v1/receipts/{id}",
                        "POST /api/v1/receipts/{id}/retry",
                        "GET /api/v1/reconciliations",
                        "GET /api/v1/reconciliations/{id}",
                        "POST /api/v1/reconciliations/run",
                        "POST /api/v1/reconciliations/{id}/items/{itemId}/import",
                        "GET /api/v1/payments",
                        "GET /api/v1/payments/{id}",
                        "POST /api/v1/invoices",
                        "GET /api/v1/invoices",
                        "GET /api/v1/invoices/{id}",
                        "POST /api/v1/invoices/{id}/cancel",
                        "GET /api/v1/invoices/suggested-amount",
                        "POST /api/v1/cashdesk/payments",
                        "GET /api/v1/cashdesk/payments",
                        "GET /api/v1/cashdesk/payments/{id}/receipt",
                        "GET /api/v1/fiscal/atol",
                        "PUT /api/v1/fiscal/atol");
        assertThat(RoleMatrix.violations(calls)).isEmpty();
        assertThat(calls)
                .as("every call let in reaches the handler and is answered")
                .filteredOn(RoleMatrix.Call::allowed)
                .isNotEmpty()
                // id or provider "1" does not exist (404), an empty body or missing parameter is
                // refused (400): each reached its handler
                .allMatch(
                        call -> call.status() == 200 || call.status() == 400 || call.status() == 404,
                        "answered 200, or 400/404 for what id 1 and no parameters name");
    }

    @Test
    void letsInTheRolesWhoseWorkItIs() {
        assertThat(RoleMatrix.rolesAllowed(route("GET /api/v1/receipts")))
                .containsExactlyInAnyOrder(
                        Roles.ADMIN, Roles.CASHIER, Roles.READ_ONLY, Roles.SERVICE, Roles.SUBSCRIBER);
        assertThat(RoleMatrix.rolesAllowed(route("POST /api/v1/receipts/{id}/retry")))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(RoleMatrix.rolesAllowed(route("GET /api/v1/reconciliations")))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.READ_ONLY, Roles.SERVICE);
        assertThat(RoleMatrix.rolesAllowed(route("POST /api/v1/reconciliations/{id}/items/{itemId}/import")))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(RoleMatrix.rolesAllowed(route("GET /api/v1/providers")))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.READ_ONLY, Roles.SERVICE);
        assertThat(RoleMatrix.rolesAllowed(route("PUT /api/v1/providers/{provider}")))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(RoleMatrix.rolesAllowed(route("GET /api/v1/payments")))
                .containsExactlyInAnyOrder(
                        Roles.ADMIN, Roles.CASHIER, Roles.READ_ONLY, Roles.SERVICE, Roles.SUBSCRIBER);
        assertThat(RoleMatrix.rolesAllowed(route("GET /api/v1/payments/{id}")))
                .containsExactlyInAnyOrder(
                        Roles.ADMIN, Roles.CASHIER, Roles.READ_ONLY, Roles.SERVICE, Roles.SUBSCRIBER);
        assertThat(RoleMatrix.rolesAllowed(route("POST /api/v1/invoices")))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.SERVICE, Roles.SUBSCRIBER);
        assertThat(RoleMatrix.rolesAllowed(route("POST /api/v1/invoices/{id}/cancel")))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.SERVICE, Roles.SUBSCRIBER);
        assertThat(RoleMatrix.rolesAllowed(route("GET /api/v1/invoices")))
                .containsExactlyInAnyOrder(
                        Roles.ADMIN, Roles.CASHIER, Roles.READ_ONLY, Roles.SERVICE, Roles.SUBSCRIBER);
        assertThat(RoleMatrix.rolesAllowed(route("GET /api/v1/invoices/suggested-amount")))
                .containsExactlyInAnyOrder(
                        Roles.ADMIN, Roles.CASHIER, Roles.READ_ONLY, Roles.SERVICE, Roles.SUBSCRIBER);
        for (String desk : List.of(
                "POST /api/v1/cashdesk/payments",
                "GET /api/v1/cashdesk/payments",
                "GET /api/v1/cashdesk/payments/{id}/receipt")) {
            assertThat(RoleMatrix.rolesAllowed(route(desk)))
                    .as(desk)
                    .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.SERVICE);
        }
        for (String atol : List.of("GET /api/v1/fiscal/atol", "PUT /api/v1/fiscal/atol")) {
            assertThat(RoleMatrix.rolesAllowed(route(atol)))
                    .as(atol)
                    .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        }
    }
}
