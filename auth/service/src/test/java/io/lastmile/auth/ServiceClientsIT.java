package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.Permissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;

/** Service clients through the API: permissions from the registration, secrets shown once and rotated. */
class ServiceClientsIT extends AuthServerTestBase {

    @Test
    void createsAClientWhoseTokensCarryItsPermissionsAndShowsTheSecretOnce() throws SQLException {
        Map<?, ?> created = create("reporter", List.of("service"), List.of(Permissions.AUDIT_WRITE));
        String secret = created.get("secret").toString();
        Map<?, ?> shown = http.get()
                .uri("/api/v1/clients/reporter")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .body(Map.class);

        Jwt jwt = decode(token("reporter", secret));

        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM)).containsExactly(Permissions.AUDIT_WRITE);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("service");
        assertThat(shown.toString()).doesNotContain(secret);
        assertThat(shown.get("seeded")).isEqualTo(false);
        assertThat(storedSecret("reporter")).startsWith("{argon2}").doesNotContain(secret);
    }

    @Test
    void rotatesTheSecretSoThatOnlyTheNewOneWorks() {
        String old = create("rotated", List.of("service"), List.of(Permissions.AUDIT_WRITE))
                .get("secret")
                .toString();

        Map<?, ?> rotated = http.post()
                .uri("/api/v1/clients/rotated/secret")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .body(Map.class);
        String fresh = rotated.get("secret").toString();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(tokenResponse("rotated", old).getStatusCode().value()).isEqualTo(401);
        assertThat(tokenResponse("rotated", fresh).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void changesAndDeletesAClient() {
        String secret = create("shortlived", List.of(), List.of(Permissions.AUDIT_READ))
                .get("secret")
                .toString();

        var changed = http.put()
                .uri("/api/v1/clients/shortlived")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "roles",
                        List.of("service"),
                        "permissions",
                        List.of(Permissions.AUDIT_READ, Permissions.AUDIT_WRITE)))
                .retrieve()
                .toEntity(String.class);
        Jwt afterChange = decode(token("shortlived", secret));
        int deleted = http.delete()
                .uri("/api/v1/clients/shortlived")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(afterChange.getClaimAsStringList(Permissions.CLAIM))
                .containsExactly(Permissions.AUDIT_READ, Permissions.AUDIT_WRITE);
        assertThat(deleted).isEqualTo(204);
        assertThat(tokenResponse("shortlived", secret).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void leavesTheClientsFromBasesConfigurationToBase() {
        var rotate = http.post()
                .uri("/api/v1/clients/billing/secret")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .toEntity(Map.class);
        var delete = http.delete()
                .uri("/api/v1/clients/billing")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .toEntity(Map.class);

        assertThat(rotate.getStatusCode().value()).isEqualTo(409);
        assertThat(rotate.getBody().get("detail").toString()).contains("lastmile.auth.clients");
        assertThat(delete.getStatusCode().value()).isEqualTo(409);
        assertThat(tokenResponse("billing", "billing-secret").getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void refusesUnknownPermissionsSayingWhichAreKnown() {
        var answer = http.post()
                .uri("/api/v1/clients")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("clientId", "greedy", "roles", List.of(), "permissions", List.of("everything")))
                .retrieve()
                .toEntity(Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(((Map<?, ?>) answer.getBody().get("errors"))
                        .get("permissions")
                        .toString())
                .contains("'everything' is not a permission")
                .contains(Permissions.AUDIT_WRITE);
    }

    private Map<?, ?> create(String id, List<String> roles, List<String> permissions) {
        var answer = http.post()
                .uri("/api/v1/clients")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("clientId", id, "roles", roles, "permissions", permissions))
                .retrieve()
                .toEntity(Map.class);
        assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(201);
        return answer.getBody();
    }

    private String storedSecret(String clientId) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT client_secret FROM oauth2_registered_client WHERE client_id = '"
                                + clientId + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
