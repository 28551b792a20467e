package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.Permissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Roles as data, and auth's API asking a permission on every path. */
class RolesApiIT extends AuthServerTestBase {

    @Test
    void seedsTheFiveRolesOfTheIssue() {
        Map<String, Map<?, ?>> roles = ((List<?>)
                        get(adminToken(), "/api/v1/roles").getBody())
                .stream()
                        .map(r -> (Map<?, ?>) r)
                        .collect(Collectors.toMap(r -> r.get("name").toString(), r -> r));

        assertThat(roles.keySet()).containsExactlyInAnyOrder("admin", "cashier", "support", "noc", "readonly");
        assertThat(roles.get("admin").get("permissions")).isEqualTo(List.of("*"));
        assertThat(strings(roles.get("cashier").get("permissions")))
                .containsExactlyInAnyOrder(
                        "accounts.read", "ledger.read", "payments.write", "ledger.correct", "fiscal.read");
        assertThat(roles.get("cashier").get("correctionLimit").toString()).isEqualTo("5000.0");
        assertThat(strings(roles.get("support").get("permissions")))
                .containsExactlyInAnyOrder(
                        "accounts.read",
                        "accounts.block",
                        "subscriptions.read",
                        "ledger.read",
                        "tickets.read",
                        "tickets.write",
                        "provisioning.read");
        assertThat(strings(roles.get("noc").get("permissions")))
                .containsExactlyInAnyOrder(
                        "monitoring.read", "monitoring.write", "collector.read", "collector.write", "servers.read");
        assertThat(strings(roles.get("readonly").get("permissions")))
                .containsExactlyInAnyOrderElementsOf(Permissions.NAMED.stream()
                        .filter(p -> p.endsWith(".read") && !p.equals(Permissions.AUDIT_READ))
                        .toList());
    }

    @Test
    void createsChangesAndDeletesARole() {
        var created = send(
                "POST",
                "/api/v1/roles",
                Map.of(
                        "name",
                        "billing-clerk",
                        "description",
                        "Catalog",
                        "permissions",
                        List.of(Permissions.CATALOG_READ)));
        var changed = send(
                "PUT",
                "/api/v1/roles/billing-clerk",
                Map.of(
                        "description",
                        "Catalog editor",
                        "permissions",
                        List.of(Permissions.CATALOG_READ, Permissions.CATALOG_WRITE)));
        var read = get(adminToken(), "/api/v1/roles/billing-clerk");
        var deleted = send("DELETE", "/api/v1/roles/billing-clerk", null);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(((Map<?, ?>) read.getBody()).get("permissions"))
                .isEqualTo(List.of(Permissions.CATALOG_READ, Permissions.CATALOG_WRITE));
        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        assertThat(get(adminToken(), "/api/v1/roles/billing-clerk")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void refusesToDeleteARoleInUseOrTheAdminRole() {
        createOperator("holder1", "Holder-Pass-2024x", "noc");

        var inUse = send("DELETE", "/api/v1/roles/noc", null);
        var admin = send("DELETE", "/api/v1/roles/admin", null);

        assertThat(inUse.getStatusCode().value()).isEqualTo(409);
        assertThat(((Map<?, ?>) inUse.getBody()).get("detail").toString()).contains("held by operators");
        assertThat(admin.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void refusesBadRolesAsProblemDetailsNamingTheFields() {
        var answer = send("POST", "/api/v1/roles", Map.of("name", "service", "permissions", List.of("ledger.write")));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType().toString()).contains("application/problem+json");
        Map<?, ?> errors = (Map<?, ?>) ((Map<?, ?>) answer.getBody()).get("errors");
        assertThat(errors.get("name").toString()).contains("reserved");
        assertThat(errors.get("permissions").toString()).contains("'ledger.write' is not a permission");
    }

    @Test
    void keepsTheLastEnabledAdmin() {
        var answer = send("PUT", "/api/v1/operators/admin", Map.of("name", "A", "roles", List.of("readonly")));

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(((Map<?, ?>) answer.getBody()).get("detail").toString()).contains("last enabled admin");
    }

    @Test
    void asksAuthAdminOnOperatorsRolesClientsAndKeys() {
        String auditor = tokenWith("only-audit", Permissions.AUDIT_READ);
        String authAdmin = tokenWith("auth-admin", Permissions.AUTH_ADMIN);

        for (String path : List.of(
                "/api/v1/operators", "/api/v1/roles", "/api/v1/clients", "/api/v1/keys", "/api/v1/subscribers/1")) {
            assertThat(get(auditor, path).getStatusCode().value()).as(path).isEqualTo(403);
        }
        for (String path : List.of("/api/v1/operators", "/api/v1/roles", "/api/v1/clients", "/api/v1/keys")) {
            assertThat(get(authAdmin, path).getStatusCode().value()).as(path).isEqualTo(200);
        }
        assertThat(get(authAdmin, "/api/v1/audit").getStatusCode().value()).isEqualTo(403);
        assertThat(get(authAdmin, "/api/v1/elsewhere").getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void givesTheMetricsToMonitoringOnly() {
        String monitoring = tokenWith("metrics-reader", Permissions.MONITORING_READ);
        String other = tokenWith("metrics-nosy", Permissions.AUDIT_READ);

        var metrics = http.get()
                .uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(monitoring))
                .retrieve()
                .toEntity(String.class);

        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
        assertThat(get(other, "/actuator/prometheus").getStatusCode().value()).isEqualTo(403);
        assertThat(http.get()
                        .uri("/actuator/prometheus")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void publishesAuthsOpenApiDocumentWithTheBearerScheme() {
        Map<?, ?> document = http.get().uri("/v3/api-docs").retrieve().body(Map.class);

        assertThat(strings(List.copyOf(((Map<?, ?>) document.get("paths")).keySet())))
                .contains(
                        "/api/v1/operators",
                        "/api/v1/roles",
                        "/api/v1/clients",
                        "/api/v1/audit",
                        "/api/v1/subscribers/{accountId}/password-reset",
                        "/api/v1/keys/rotate");
        assertThat(document.toString()).contains("bearer-jwt");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    private ResponseEntity<Object> get(String token, String path) {
        return http.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .retrieve()
                .toEntity(Object.class);
    }

    private ResponseEntity<Object> send(String method, String path, Object body) {
        var request = http.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .headers(h -> h.setBearerAuth(adminToken()));
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(Object.class);
    }
}
