package io.lastmile.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** billing publishes its OpenAPI document and Swagger UI without a token; its API stays closed. */
class OpenApiIT extends BillingApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void publishesTheApiDescriptionWithoutAToken() {
        ResponseEntity<String> docs =
                client(null).get().uri("/v3/api-docs").retrieve().toEntity(String.class);

        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
                .isTrue();
        JsonNode api = JSON.readTree(docs.getBody());
        assertThat(api.path("openapi").asString()).startsWith("3.");
        assertThat(api.path("paths").has("/api/v1/accounts")).isTrue();
        assertThat(api.path("paths").has("/api/v1/accounts/{id}/payments")).isTrue();
    }

    @Test
    void declaresTheBearerTokenForEveryOperation() {
        JsonNode api =
                JSON.readTree(client(null).get().uri("/v3/api-docs").retrieve().body(String.class));

        JsonNode scheme = api.path("components").path("securitySchemes").path("bearer-jwt");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(api.path("security").get(0).has("bearer-jwt")).isTrue();
        assertThat(api.path("info").path("version").asString()).isNotBlank();
        assertThat(api.path("info").path("title").asString()).isEqualTo("billing");
    }

    @Test
    void namesThePermissionsOfEachOperation() {
        JsonNode api =
                JSON.readTree(client(null).get().uri("/v3/api-docs").retrieve().body(String.class));

        JsonNode correct =
                api.path("paths").path("/api/v1/accounts/{id}/corrections").path("post");
        assertThat(correct.path("x-permissions").get(0).asString()).isEqualTo("ledger.correct");
        assertThat(correct.path("description").asString()).contains("Needs the permission ledger.correct");
        JsonNode ledger = api.path("paths").path("/api/v1/accounts/{id}/ledger").path("get");
        assertThat(ledger.path("description").asString())
                .contains("ledger.read, self")
                .contains("own account");
    }

    @Test
    void describesTheRecordsOfTheBillingApi() {
        JsonNode schemas = JSON.readTree(
                        client(null).get().uri("/v3/api-docs").retrieve().body(String.class))
                .path("components")
                .path("schemas");

        assertThat(schemas.path("AccountView").path("properties").has("balance"))
                .isTrue();
        assertThat(schemas.path("NewPayment").path("properties").has("amount")).isTrue();
        assertThat(schemas.path("PostingResult").isObject()).isTrue();
    }

    @Test
    void servesTheSwaggerUiWithoutAToken() {
        ResponseEntity<Void> entry =
                client(null).get().uri("/swagger-ui.html").retrieve().toBodilessEntity();
        assertThat(entry.getStatusCode().value()).isIn(200, 302);

        ResponseEntity<String> page =
                client(null).get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("swagger-ui");

        ResponseEntity<String> config =
                client(null).get().uri("/v3/api-docs/swagger-config").retrieve().toEntity(String.class);
        assertThat(config.getStatusCode().value()).isEqualTo(200);
        assertThat(config.getBody()).contains("/v3/api-docs");
    }

    @Test
    void keepsTheApiClosedWithoutAToken() {
        ResponseEntity<String> accounts =
                client(null).get().uri("/api/v1/accounts").retrieve().toEntity(String.class);

        assertThat(accounts.getStatusCode().value()).isEqualTo(401);
    }
}
