package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.Permissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** auth as the other modules meet it: client-credentials tokens, JWKS, discovery, the first operator. */
class TokenIssuanceIT extends AuthServerTestBase {

    @Test
    void issuesAServiceTokenThatVerifiesAgainstTheJwks() {
        Jwt jwt = decode(token("billing", "billing-secret"));

        assertThat(jwt.getSubject()).isEqualTo("billing");
        assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("service");
        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM)).containsExactly("*");
        assertThat(jwt.getAudience()).containsExactlyInAnyOrder("billing", Permissions.AUDIENCE);
        assertThat(Duration.between(Instant.now(), jwt.getExpiresAt()))
                .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(11));
    }

    @Test
    void givesTheCliOperatorAdminRights() {
        Jwt jwt = decode(adminToken());

        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM)).containsExactly("*");
    }

    @Test
    void refusesAWrongSecretAndAnUnknownClient() {
        assertThat(tokenResponse("billing", "guessed").getStatusCode().value()).isEqualTo(401);
        assertThat(tokenResponse("intruder", "billing-secret").getStatusCode().value())
                .isEqualTo(401);
    }

    @Test
    void storesClientSecretsAsArgon2Hashes() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT client_secret FROM oauth2_registered_client WHERE client_id = 'billing'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("{argon2}").doesNotContain("billing-secret");
        }
    }

    @Test
    void publishesTheSigningKeyKeptInItsDatabase() throws SQLException {
        Map<?, ?> jwks = http.get().uri("/oauth2/jwks").retrieve().body(Map.class);

        assertThat(jwks.get("keys").toString()).contains(storedKeyId());
        assertThat(jwks.get("keys").toString()).doesNotContain("\"d\"").doesNotContain(", d=");
    }

    @Test
    void answersOidcDiscoveryWithTheEndSessionEndpoint() {
        Map<?, ?> discovery =
                http.get().uri("/.well-known/openid-configuration").retrieve().body(Map.class);

        assertThat(discovery.get("issuer")).isEqualTo(ISSUER);
        assertThat(discovery.get("jwks_uri")).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(discovery.get("end_session_endpoint")).isEqualTo(ISSUER + "/connect/logout");
    }

    @Test
    void createsTheFirstOperatorWithAnArgon2Hash() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT password_hash, (SELECT array_agg(role_name)::text FROM operator_role r"
                                + " WHERE r.operator_id = o.id) FROM operator o WHERE login = 'admin'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain(ADMIN_PASSWORD).startsWith("{argon2}");
            assertThat(rs.getString(2)).isEqualTo("{admin}");
        }
    }

    @Test
    void keepsTheApiClosedToAnonymousCallers() {
        assertThat(http.get()
                        .uri("/api/v1/anything")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    private static Jwt decode(String token) {
        return NimbusJwtDecoder.withJwkSetUri(ISSUER + "/oauth2/jwks").build().decode(token);
    }

    private String storedKeyId() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT kid FROM signing_key WHERE retired_at IS NULL")) {
            assertThat(rs.next()).as("a signing key in auth's database").isTrue();
            return rs.getString(1);
        }
    }
}
