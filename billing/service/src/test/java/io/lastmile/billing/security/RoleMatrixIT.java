package io.lastmile.billing.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Roles;
import io.lastmile.testkit.RoleMatrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Every /api route of billing, from its request mappings, called with no token and with a token of
 * each seeded role. An application of its own (the property below), so that what the allowed calls
 * change stays out of the other test classes' database.
 */
@TestPropertySource(properties = "lastmile.test.application=role-matrix")
class RoleMatrixIT extends BillingApiTestBase {

    private static List<ApiRoutes.Route> routes;
    private static long account;

    // once per class; not @BeforeAll, which would run before PostgresExtension gave the class its database
    @BeforeEach
    void routesAndAnAccount() {
        if (routes != null) {
            return;
        }
        routes = ApiRoutes.of(context);
        account = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("M-1", "Matrix", "RUB"))
                .retrieve()
                .body(AccountView.class)
                .id();
    }

    @Test
    void answersEveryRouteAsItsPermissionsSay() {
        RoleMatrix matrix = new RoleMatrix("http://127.0.0.1:" + port, TOKENS, account)
                .variables(route -> Map.of("id", Long.toString(account), "name", "password"))
                // support may change the status alone (accounts.block); any other change is theirs to be refused
                .bodies(route ->
                        route.toString().equals("PATCH /api/v1/accounts/{id}") ? "{\"status\":\"ACTIVE\"}" : "{}");

        List<RoleMatrix.Call> calls = matrix.run(routes);

        assertThat(routes).as("billing's /api routes").hasSizeGreaterThan(60);
        assertThat(calls).hasSize(routes.size() * 8);
        assertThat(RoleMatrix.violations(calls)).isEmpty();
        assertThat(calls)
                .as("calls refused for a role without the permission")
                .filteredOn(c -> c.role() != null && !c.allowed() && c.status() == 403)
                .hasSizeGreaterThan(routes.size());
        assertThat(calls)
                .as("calls let through to the handler")
                .filteredOn(c -> c.allowed() && c.status() < 300)
                .isNotEmpty();
    }

    @Test
    void limitsEachSeededRoleToItsWork() {
        assertThat(allowed("POST /api/v1/accounts/{id}/corrections"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.SERVICE);
        assertThat(allowed("POST /api/v1/accounts/{id}/payments"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.SERVICE);
        assertThat(allowed("POST /api/v1/accounts/{id}/payments/{entryId}/refunds"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.SERVICE);
        assertThat(allowed("POST /api/v1/payments/batch"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.CASHIER, Roles.SERVICE);
        assertThat(allowed("POST /api/v1/user-services/{id}/block"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SUPPORT, Roles.SERVICE);
        assertThat(allowed("PATCH /api/v1/accounts/{id}"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SUPPORT, Roles.SERVICE);
        assertThat(allowed("GET /api/v1/provisioning/servers"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SUPPORT, Roles.NOC, Roles.READ_ONLY, Roles.SERVICE);
        assertThat(allowed("POST /api/v1/catalog/services")).containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(allowed("POST /api/v1/test/clock")).containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(allowed("GET /api/v1/test/clock")).containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(allowed("GET /api/v1/accounts")).doesNotContain(Roles.SUBSCRIBER, Roles.NOC);
        assertThat(allowed("GET /api/v1/traffic/map"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.NOC, Roles.READ_ONLY, Roles.SERVICE);
        assertThat(allowed("POST /api/v1/traffic/batches"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.NOC, Roles.SERVICE);
        assertThat(allowed("POST /api/v1/accounts/{id}/addresses"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(allowed("DELETE /api/v1/accounts/{id}/addresses/{addressId}"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(allowed("GET /api/v1/accounts/{id}/addresses")).doesNotContain(Roles.SUBSCRIBER, Roles.NOC);
        assertThat(allowed("PATCH /api/v1/traffic/classes/{code}"))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
        assertThat(allowed("GET /api/v1/accounts/{id}/traffic"))
                .containsExactlyInAnyOrder(
                        Roles.ADMIN, Roles.CASHIER, Roles.SUPPORT, Roles.READ_ONLY, Roles.SERVICE, Roles.SUBSCRIBER);
    }

    @Test
    void letsASubscriberReadTheirOwnDataAndChangeNothing() {
        List<String> subscribers = routes.stream()
                .filter(r -> RoleMatrix.rolesAllowed(r).contains(Roles.SUBSCRIBER))
                .map(ApiRoutes.Route::toString)
                .toList();

        assertThat(subscribers)
                .contains(
                        "GET /api/v1/accounts/{id}",
                        "GET /api/v1/accounts/{id}/ledger",
                        "GET /api/v1/accounts/{id}/traffic",
                        "GET /api/v1/accounts/{id}/services",
                        "GET /api/v1/user-services/{id}",
                        "GET /api/v1/user-services/{id}/storage",
                        "GET /api/v1/user-services/{id}/storage/{name}")
                .allMatch(route -> route.startsWith("GET "));
    }

    @Test
    void givesReadOnlyNoWrite() {
        assertThat(routes.stream()
                        .filter(r -> RoleMatrix.rolesAllowed(r).contains(Roles.READ_ONLY))
                        .map(ApiRoutes.Route::method))
                .isNotEmpty()
                .containsOnly("GET");
    }

    private List<String> allowed(String route) {
        return RoleMatrix.rolesAllowed(routes.stream()
                .filter(r -> r.toString().equals(route))
                .findFirst()
                .orElseThrow(() -> new AssertionError("billing has no route " + route)));
    }
}
