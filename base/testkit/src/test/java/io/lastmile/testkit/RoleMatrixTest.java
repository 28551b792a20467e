package io.lastmile.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.Roles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleMatrixTest {

    @Test
    void fillsPathVariablesWithGivenValuesOrOneOrTheFirstChoice() {
        assertThat(RoleMatrix.expand("/api/v1/accounts/{id}/ledger", Map.of("id", "42")))
                .isEqualTo("/api/v1/accounts/42/ledger");
        assertThat(RoleMatrix.expand("/api/v1/tasks/{id}/{command:retry|skip}", Map.of()))
                .isEqualTo("/api/v1/tasks/1/retry");
        assertThat(RoleMatrix.expand("/api/v1/credentials/{name}", Map.of("name", "a$b")))
                .isEqualTo("/api/v1/credentials/a$b");
    }

    @Test
    void expectsRefusalForRolesWithoutThePermissionAndEntryForTheOthers() {
        ApiRoutes.Route route = new ApiRoutes.Route("GET", "/api/v1/x", List.of(Permissions.LEDGER_CORRECT), "", null);

        assertThat(RoleMatrix.rolesAllowed(route)).containsExactly(Roles.ADMIN, Roles.CASHIER, Roles.SERVICE);
        assertThat(new RoleMatrix.Call(route, Roles.CASHIER, "/api/v1/x", true, 404).violates())
                .isFalse();
        assertThat(new RoleMatrix.Call(route, Roles.CASHIER, "/api/v1/x", true, 403).violates())
                .isTrue();
        assertThat(new RoleMatrix.Call(route, Roles.NOC, "/api/v1/x", false, 200).violates())
                .isTrue();
        assertThat(new RoleMatrix.Call(route, Roles.NOC, "/api/v1/x", false, 403).violates())
                .isFalse();
        assertThat(new RoleMatrix.Call(route, null, "/api/v1/x", false, 403).violates())
                .as("no token must be 401")
                .isTrue();
    }
}
