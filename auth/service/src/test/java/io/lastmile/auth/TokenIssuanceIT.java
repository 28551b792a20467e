package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.PostgresExtension.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/** auth as the other modules meet it: client-credentials tokens, JWKS, discovery, the first operator. */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TokenIssuanceIT {

    static final int PORT = freePort();
    static final String ISSUER = "http://127.0.0.1:" + PORT;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("server.port", () -> PORT);
        registry.add("lastmile.auth.issuer", () -> ISSUER);
        registry.add("lastmile.platform.auth.issuer", () -> ISSUER);
        registry.add("lastmile.platform.auth.jwk-set-uri", () -> ISSUER + "/oauth2/jwks");
        registry.add("lastmile.auth.clients[0].id", () -> "billing");
        registry.add("lastmile.auth.clients[0].secret", () -> "billing-secret");
        registry.add("lastmile.auth.clients[0].roles", () -> "service");
        registry.add("lastmile.auth.clients[1].id", () -> "cli");
        registry.add("lastmile.auth.clients[1].secret", () -> "cli-secret");
        registry.add("lastmile.auth.clients[1].roles", () -> "admin");
        registry.add("lastmile.auth.admin.initial-password", () -> "first-Admin-pass-42");
    }

    private final RestClient http = RestClient.builder()
            .baseUrl(ISSUER)
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
            .build();
    private TestDatabase database;

    @BeforeEach
    void database(TestDatabase database) {
        this.database = database;
    }

    @Test
    void issuesAServiceTokenThatVerifiesAgainstTheJwks() {
        Jwt jwt = NimbusJwtDecoder.withJwkSetUri(ISSUER + "/oauth2/jwks")
                .build()
                .decode(token("billing", "billing-secret")
                        .getBody()
                        .get("access_token")
                        .toString());

        assertThat(jwt.getSubject()).isEqualTo("billing");
        assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("service");
        assertThat(Duration.between(Instant.now(), jwt.getExpiresAt()))
                .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(11));
    }

    @Test
    void givesTheCliOperatorAdminRights() {
        Jwt jwt = NimbusJwtDecoder.withJwkSetUri(ISSUER + "/oauth2/jwks")
                .build()
                .decode(token("cli", "cli-secret").getBody().get("access_token").toString());

        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
    }

    @Test
    void refusesAWrongSecretAndAnUnknownClient() {
        assertThat(token("billing", "guessed").getStatusCode().value()).isEqualTo(401);
        assertThat(token("intruder", "billing-secret").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void publishesTheSigningKeyKeptInItsDatabase() throws SQLException {
        Map<?, ?> jwks = http.get().uri("/oauth2/jwks").retrieve().body(Map.class);

        assertThat(jwks.get("keys").toString()).contains(storedKeyId());
        assertThat(jwks.get("keys").toString()).doesNotContain("\"d\"").doesNotContain(", d=");
    }

    @Test
    void answersOidcDiscovery() {
        Map<?, ?> discovery =
                http.get().uri("/.well-known/openid-configuration").retrieve().body(Map.class);

        assertThat(discovery.get("issuer")).isEqualTo(ISSUER);
        assertThat(discovery.get("jwks_uri")).isEqualTo(ISSUER + "/oauth2/jwks");
    }

    @Test
    void createsTheFirstOperatorWithAHashedPassword() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT password_hash, roles::text FROM operator WHERE login = 'admin'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain("first-Admin-pass-42").startsWith("{");
            assertThat(rs.getString(2)).contains("admin");
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

    private ResponseEntity<Map> token(String client, String secret) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        return http.post()
                .uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(client, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .toEntity(Map.class);
    }

    private String storedKeyId() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT kid FROM signing_key WHERE retired_at IS NULL")) {
            assertThat(rs.next()).as("a signing key in auth's database").isTrue();
            return rs.getString(1);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
