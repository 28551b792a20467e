package io.lastmile.auth;

import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.PostgresExtension.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * auth started for real on a loopback port with a fresh PostgreSQL database per test class: the
 * modules' clients (billing: service, cli: admin, auth itself for calling billing), two UI
 * clients (operator-ui, cabinet-ui, both confidential with PKCE) and the first operator.
 */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AuthServerTestBase {

    static final int PORT = freePort();
    static final String ISSUER = "http://127.0.0.1:" + PORT;
    static final String ADMIN_PASSWORD = "first-Admin-pass-42";
    static final String UI_SECRET = "operator-ui-secret";
    static final String CABINET_SECRET = "cabinet-ui-secret";
    /** The local server standing in for billing, and the UIs' redirect target. */
    static final int PEER_PORT = freePort();

    static final String PEER = "http://127.0.0.1:" + PEER_PORT;

    @DynamicPropertySource
    static void authProperties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("server.port", () -> PORT);
        registry.add("lastmile.auth.issuer", () -> ISSUER);
        registry.add("lastmile.platform.auth.issuer", () -> ISSUER);
        registry.add("lastmile.platform.auth.jwk-set-uri", () -> ISSUER + "/oauth2/jwks");
        registry.add("lastmile.platform.auth.token-uri", () -> ISSUER + "/oauth2/token");
        registry.add("lastmile.platform.client.id", () -> "auth");
        registry.add("lastmile.platform.client.secret", () -> "auth-secret");
        registry.add("lastmile.auth.clients[0].id", () -> "billing");
        registry.add("lastmile.auth.clients[0].secret", () -> "billing-secret");
        registry.add("lastmile.auth.clients[0].roles", () -> "service");
        registry.add("lastmile.auth.clients[1].id", () -> "cli");
        registry.add("lastmile.auth.clients[1].secret", () -> "cli-secret");
        registry.add("lastmile.auth.clients[1].roles", () -> "admin");
        registry.add("lastmile.auth.clients[2].id", () -> "auth");
        registry.add("lastmile.auth.clients[2].secret", () -> "auth-secret");
        registry.add("lastmile.auth.clients[2].roles", () -> "service");
        registry.add("lastmile.auth.ui-clients[0].id", () -> "operator-ui");
        registry.add("lastmile.auth.ui-clients[0].secret", () -> UI_SECRET);
        registry.add("lastmile.auth.ui-clients[0].redirect-uris", () -> PEER + "/callback");
        registry.add("lastmile.auth.ui-clients[0].post-logout-redirect-uris", () -> PEER + "/bye");
        registry.add("lastmile.auth.ui-clients[1].id", () -> "cabinet-ui");
        registry.add("lastmile.auth.ui-clients[1].secret", () -> CABINET_SECRET);
        registry.add("lastmile.auth.ui-clients[1].redirect-uris", () -> PEER + "/callback");
        registry.add("lastmile.auth.ui-clients[1].login", () -> "subscriber");
        registry.add("lastmile.auth.admin.initial-password", () -> ADMIN_PASSWORD);
        registry.add("lastmile.auth.subscribers.billing-url", () -> PEER);
        registry.add("lastmile.auth.secrets.key-file", () -> keyFile().toString());
    }

    final RestClient http = RestClient.builder()
            .baseUrl(ISSUER)
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
            .build();

    TestDatabase database;

    @BeforeEach
    void database(TestDatabase database) {
        this.database = database;
    }

    @SuppressWarnings("rawtypes")
    ResponseEntity<Map> tokenResponse(String client, String secret) {
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

    String token(String client, String secret) {
        ResponseEntity<?> response = tokenResponse(client, secret);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("no token for " + client + ": " + response);
        }
        return ((Map<?, ?>) response.getBody()).get("access_token").toString();
    }

    /** The CLI's token: role admin, every permission. */
    String adminToken() {
        return token("cli", "cli-secret");
    }

    /** A service client made through the API with exactly these permissions; its token. */
    String tokenWith(String clientId, String... permissions) {
        Map<?, ?> created = http.post()
                .uri("/api/v1/clients")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "clientId",
                        clientId,
                        "roles",
                        java.util.List.of("service"),
                        "permissions",
                        java.util.List.of(permissions)))
                .retrieve()
                .body(Map.class);
        return token(clientId, created.get("secret").toString());
    }

    /** Makes an operator through the API (as the CLI, an admin). */
    void createOperator(String login, String password, String... roles) {
        var response = http.post()
                .uri("/api/v1/operators")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "login",
                        login,
                        "name",
                        "Operator " + login,
                        "password",
                        password,
                        "roles",
                        java.util.List.of(roles)))
                .retrieve()
                .toEntity(String.class);
        if (response.getStatusCode().value() != 201) {
            throw new AssertionError("operator " + login + " not created: " + response);
        }
    }

    LoginFlow operatorLogin() {
        return new LoginFlow(ISSUER, "operator-ui", PEER + "/callback");
    }

    LoginFlow subscriberLogin() {
        return new LoginFlow(ISSUER, "cabinet-ui", PEER + "/callback");
    }

    /** The claims of an access token auth issued (checked against auth's JWKS). */
    static org.springframework.security.oauth2.jwt.Jwt decode(Object token) {
        return org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withJwkSetUri(ISSUER + "/oauth2/jwks")
                .build()
                .decode(token.toString());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path keyFile() {
        try {
            return Files.createTempDirectory("auth-secret").resolve("secret.key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
