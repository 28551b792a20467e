package io.lastmile.billing.provisioning.admin;

import static io.lastmile.billing.db.Tables.CREDENTIAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewService;
import io.lastmile.billing.api.NewUserService;
import io.lastmile.billing.api.ServiceActionResult;
import io.lastmile.billing.api.ServiceView;
import io.lastmile.billing.api.provisioning.ServerGroupView;
import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.api.provisioning.TemplateView;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Calls of the provisioning operator API and the rows its tests need; names are unique per call. */
abstract class ProvisioningApiTestBase extends BillingApiTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String API = "/api/v1/provisioning";

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    DSLContext db;

    /** A name no other test of this JVM uses. */
    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
    }

    ResponseEntity<String> post(String path, Object body) {
        return admin().post().uri(API + path).body(body).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> put(String path, Object body) {
        return admin().put().uri(API + path).body(body).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> get(String path) {
        return admin().get().uri(API + path).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> delete(String path) {
        return admin().delete().uri(API + path).retrieve().toEntity(String.class);
    }

    /** The body of a response with the status expected, read as {@code type}. */
    static <T> T body(ResponseEntity<String> response, int status, Class<T> type) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        return JSON.readValue(response.getBody(), type);
    }

    static <T> T body(ResponseEntity<String> response, int status, TypeReference<T> type) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        return JSON.readValue(response.getBody(), type);
    }

    /** The fields a 400 problem names, and what it says of each. */
    static Map<String, String> errors(ResponseEntity<String> response) {
        return body(response, 400, new TypeReference<Map<String, Object>>() {}).get("errors") instanceof Map<?, ?> m
                ? m.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                e -> e.getKey().toString(), e -> e.getValue().toString()))
                : Map.of();
    }

    /** The detail of a problem with the status expected. */
    static String detail(ResponseEntity<String> response, int status) {
        Map<String, Object> problem = body(response, status, new TypeReference<Map<String, Object>>() {});
        assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
        return String.valueOf(problem.get("detail"));
    }

    /** Stores a credential row as the credentials API would (the secret is not read here). */
    String credential(String kind) {
        String name = unique("cred");
        db.insertInto(CREDENTIAL)
                .set(CREDENTIAL.NAME, name)
                .set(CREDENTIAL.KIND, kind)
                .set(CREDENTIAL.USERNAME, "provision")
                .set(CREDENTIAL.SECRET, new byte[] {1, 2, 3})
                .set(CREDENTIAL.CREATED_AT, OffsetDateTime.now())
                .set(CREDENTIAL.UPDATED_AT, OffsetDateTime.now())
                .execute();
        return name;
    }

    static Map<String, Object> httpServer(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("transport", "HTTP");
        body.put("host", "api.isp.example");
        return body;
    }

    ServerView createServer(Map<String, Object> body) {
        return body(post("/servers", body), 201, ServerView.class);
    }

    long groupId(String strategy) {
        return body(post("/groups", Map.of("name", unique("group"), "strategy", strategy)), 201, ServerGroupView.class)
                .id();
    }

    long templateId() {
        return body(
                        post("/templates", Map.of("name", unique("tpl"), "body", "echo {{ us.id }}\n")),
                        201,
                        TemplateView.class)
                .id();
    }

    /** A user service ordered for a new account (free, so it is ACTIVE at once). */
    long userService() {
        AccountView account = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(null, unique("Subscriber"), "RUB"))
                .retrieve()
                .body(AccountView.class);
        ServiceView service = admin().post()
                .uri("/api/v1/catalog/services")
                .body(new NewService(unique("VPN"), "vpn-basic", BigDecimal.ZERO, "P1M", "PERIOD"))
                .retrieve()
                .body(ServiceView.class);
        ServiceActionResult ordered = admin().post()
                .uri("/api/v1/accounts/{id}/services", account.id())
                .body(new NewUserService(service.id()))
                .retrieve()
                .body(ServiceActionResult.class);
        return ordered.service().id();
    }

    ResponseEntity<String> move(long userServiceId, Object body) {
        return admin().put()
                .uri("/api/v1/user-services/{id}/server", userServiceId)
                .body(body)
                .retrieve()
                .toEntity(String.class);
    }
}
