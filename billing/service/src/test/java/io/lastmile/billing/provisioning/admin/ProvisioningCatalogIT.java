package io.lastmile.billing.provisioning.admin;

import static io.lastmile.billing.db.Tables.SERVER_GROUP;
import static io.lastmile.billing.db.Tables.SPOOL_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.provisioning.BindingView;
import io.lastmile.billing.api.provisioning.ServerGroupView;
import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.api.provisioning.TemplateView;
import io.lastmile.billing.provisioning.CatalogChanged;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;

/**
 * Server groups, templates and event bindings through the operator API, over real HTTP behind the
 * real resource-server chain, on real PostgreSQL; and the CatalogChanged event after each change.
 */
class ProvisioningCatalogIT extends ProvisioningApiTestBase {

    @Autowired
    ConfigurableApplicationContext context;

    /** What each CatalogChanged saw when it came: its part, and whether a transaction was still open. */
    private final List<String> changes = new ArrayList<>();

    private ApplicationListener<PayloadApplicationEvent<CatalogChanged>> listener;

    @BeforeEach
    void listen() {
        listener = ApplicationListener.forPayload(e -> {
            synchronized (changes) {
                changes.add(e.what() + (TransactionSynchronizationManager.isActualTransactionActive() ? " in tx" : ""));
            }
        });
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    private List<String> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    // --- server groups ---

    @Test
    void createsReadsReplacesAndDeletesAServerGroup() {
        String name = unique("vpn-eu");
        ResponseEntity<String> created = post("/groups", Map.of("name", " " + name + " ", "strategy", "LEAST_LOADED"));
        ServerGroupView group = body(created, 201, ServerGroupView.class);

        assertThat(group.name()).isEqualTo(name);
        assertThat(group.strategy()).isEqualTo("LEAST_LOADED");
        assertThat(group.servers()).isZero();
        assertThat(group.bindings()).isZero();
        assertThat(group.createdAt()).isNotNull();
        assertThat(body(get("/groups/" + group.id()), 200, ServerGroupView.class))
                .isEqualTo(group);
        assertThat(body(get("/groups"), 200, new TypeReference<List<ServerGroupView>>() {}))
                .contains(group);

        ServerGroupView replaced = body(
                put("/groups/" + group.id(), Map.of("name", name + "-w", "strategy", "WEIGHTED")),
                200,
                ServerGroupView.class);
        assertThat(replaced.name()).isEqualTo(name + "-w");
        assertThat(replaced.strategy()).isEqualTo("WEIGHTED");
        assertThat(replaced.createdAt()).isEqualTo(group.createdAt());

        assertThat(delete("/groups/" + group.id()).getStatusCode().value()).isEqualTo(204);
        assertThat(detail(get("/groups/" + group.id()), 404))
                .isEqualTo("server group " + group.id() + " does not exist");
        assertThat(detail(delete("/groups/" + group.id()), 404)).contains("does not exist");
        assertThat(detail(put("/groups/" + group.id(), Map.of("name", "x", "strategy", "FILL")), 404))
                .contains("does not exist");
    }

    @Test
    void namesEveryBadFieldOfAGroup() {
        assertThat(errors(post("/groups", Map.of("name", "  ", "strategy", "ROUND_ROBIN"))))
                .containsOnlyKeys("name", "strategy")
                .containsEntry("name", "must be 1 to 100 characters")
                .containsEntry("strategy", "must be RANDOM, LEAST_LOADED, FILL, WEIGHTED, not 'ROUND_ROBIN'");
        assertThat(errors(post("/groups", Map.of()))).containsOnlyKeys("name", "strategy");
        assertThat(errors(post("/groups", Map.of("name", "x".repeat(101), "strategy", "FILL"))))
                .containsOnlyKeys("name");
        assertThat(errors(post("/groups", Map.of("name", List.of("a"), "strategy", "FILL"))))
                .containsEntry("name", "must be a string");
        assertThat(errors(admin().post()
                        .uri(API + "/groups")
                        .body(List.of())
                        .retrieve()
                        .toEntity(String.class)))
                .containsEntry("body", "must be a JSON object");
    }

    @Test
    void refusesAGroupNameTakenByAnother() {
        String name = unique("taken");
        body(post("/groups", Map.of("name", name, "strategy", "FILL")), 201, ServerGroupView.class);
        long other = groupId("FILL");

        assertThat(detail(post("/groups", Map.of("name", name, "strategy", "RANDOM")), 409))
                .isEqualTo("a server group named '" + name + "' exists already");
        assertThat(detail(put("/groups/" + other, Map.of("name", name, "strategy", "RANDOM")), 409))
                .contains("exists already");
    }

    @Test
    void refusesToDeleteAGroupWhileServersOrBindingsUseIt() {
        long group = groupId("RANDOM");
        Map<String, Object> body = httpServer(unique("api"));
        body.put("groupId", group);
        ServerView server = createServer(body);
        BindingView binding = body(
                post("/bindings", binding("CREATE", "vpn-%", templateId(), Map.of("groupId", group))),
                201,
                BindingView.class);

        ServerGroupView used = body(get("/groups/" + group), 200, ServerGroupView.class);
        assertThat(used.servers()).isEqualTo(1);
        assertThat(used.bindings()).isEqualTo(1);
        assertThat(detail(delete("/groups/" + group), 409))
                .startsWith("server group '" + used.name() + "' is used by 1 server and 1 binding");

        body.remove("groupId");
        body(put("/servers/" + server.id(), body), 200, ServerView.class);
        assertThat(detail(delete("/groups/" + group), 409)).contains("is used by 1 binding:");

        assertThat(delete("/bindings/" + binding.id()).getStatusCode().value()).isEqualTo(204);
        assertThat(delete("/groups/" + group).getStatusCode().value()).isEqualTo(204);
    }

    // --- templates ---

    @Test
    void createsReadsReplacesAndDeletesATemplate() {
        String name = unique("vpn-create");
        String script = "#!/bin/sh\nuseradd {{ us.settings.login }} -p {{ gen_store_pass() }}\n";
        TemplateView template = body(post("/templates", Map.of("name", name, "body", script)), 201, TemplateView.class);

        assertThat(template.name()).isEqualTo(name);
        assertThat(template.body()).isEqualTo(script);
        assertThat(template.bindings()).isZero();
        assertThat(template.updatedAt()).isEqualTo(template.createdAt());
        assertThat(body(get("/templates/" + template.id()), 200, TemplateView.class))
                .isEqualTo(template);
        assertThat(body(get("/templates"), 200, new TypeReference<List<TemplateView>>() {}))
                .contains(template);

        TemplateView replaced = body(
                put("/templates/" + template.id(), Map.of("name", name, "body", "userdel {{ us.settings.login }}\n")),
                200,
                TemplateView.class);
        assertThat(replaced.body()).isEqualTo("userdel {{ us.settings.login }}\n");
        assertThat(replaced.createdAt()).isEqualTo(template.createdAt());
        assertThat(replaced.updatedAt()).isAfterOrEqualTo(template.updatedAt());

        assertThat(delete("/templates/" + template.id()).getStatusCode().value())
                .isEqualTo(204);
        assertThat(detail(get("/templates/" + template.id()), 404)).contains("template " + template.id());
    }

    @Test
    void refusesATemplateThatDoesNotCompileNamingTheLine() {
        String name = unique("broken");
        Map<String, String> errors =
                errors(post("/templates", Map.of("name", name, "body", "#!/bin/sh\necho ok\n{% if %}\n")));

        assertThat(errors).containsOnlyKeys("body");
        assertThat(errors.get("body")).startsWith("Template '" + name + "', line 3: syntax error");
        assertThat(errors(post("/templates", Map.of("name", name, "body", "{% include 'other' %}")))
                        .get("body"))
                .contains("line 1", "'include' tag is not available");
        assertThat(errors(post("/templates", Map.of("name", name, "body", "{{ usr.name }}")))
                        .get("body"))
                .contains("variable 'usr' is not defined");
        assertThat(errors(post("/templates", Map.of("name", "", "body", " "))))
                .containsOnlyKeys("name", "body")
                .containsEntry("body", "is required: the template's source");

        long good = templateId();
        String goodName =
                body(get("/templates/" + good), 200, TemplateView.class).name();
        assertThat(errors(put("/templates/" + good, Map.of("name", goodName, "body", "{{ us.id }"))))
                .containsOnlyKeys("body");
        assertThat(body(get("/templates/" + good), 200, TemplateView.class).body())
                .isEqualTo("echo {{ us.id }}\n");
    }

    @Test
    void refusesATakenTemplateNameAndDeletingATemplateABindingUses() {
        long template = templateId();
        String name =
                body(get("/templates/" + template), 200, TemplateView.class).name();
        assertThat(detail(post("/templates", Map.of("name", name, "body", "x")), 409))
                .isEqualTo("a template named '" + name + "' exists already");

        ServerView server = createServer(httpServer(unique("api")));
        body(
                post("/bindings", binding("BLOCK", "%", template, Map.of("serverId", server.id()))),
                201,
                BindingView.class);

        assertThat(body(get("/templates/" + template), 200, TemplateView.class).bindings())
                .isEqualTo(1);
        assertThat(detail(delete("/templates/" + template), 409))
                .isEqualTo("template '" + name + "' is used by 1 binding: point them at another template or delete"
                        + " them first");
    }

    // --- event bindings ---

    @Test
    void createsABindingWithDefaultsAndListsThemByEventInOrder() {
        long template = templateId();
        ServerView server = createServer(httpServer(unique("api")));
        String event = "EV_" + Math.abs(unique("e").hashCode());

        BindingView second = body(
                post("/bindings", binding(event, "vpn-%", template, Map.of("serverId", server.id(), "position", 2))),
                201,
                BindingView.class);
        Map<String, Object> full = binding(event, "vpn\\_old.%", template, Map.of("groupId", groupId("FILL")));
        full.putAll(Map.of(
                "timeoutSeconds", 300,
                "maxAttempts", 1,
                "backoffSeconds", 86400,
                "position", 1,
                "enabled", false));
        BindingView first = body(post("/bindings", full), 201, BindingView.class);

        assertThat(second.event()).isEqualTo(event);
        assertThat(second.categoryPattern()).isEqualTo("vpn-%");
        assertThat(second.templateId()).isEqualTo(template);
        assertThat(second.serverId()).isEqualTo(server.id());
        assertThat(second.groupId()).isNull();
        assertThat(second.timeoutSeconds()).isEqualTo(60);
        assertThat(second.maxAttempts()).isEqualTo(5);
        assertThat(second.backoffSeconds()).isEqualTo(10);
        assertThat(second.enabled()).isTrue();
        assertThat(first.serverId()).isNull();
        assertThat(first.categoryPattern()).isEqualTo("vpn\\_old.%");
        assertThat(first.timeoutSeconds()).isEqualTo(300);
        assertThat(first.maxAttempts()).isEqualTo(1);
        assertThat(first.backoffSeconds()).isEqualTo(86400);
        assertThat(first.enabled()).isFalse();

        assertThat(body(get("/bindings?event=" + event), 200, new TypeReference<List<BindingView>>() {}))
                .containsExactly(first, second);
        assertThat(body(get("/bindings"), 200, new TypeReference<List<BindingView>>() {}))
                .contains(first, second);
        assertThat(body(get("/bindings/" + first.id()), 200, BindingView.class)).isEqualTo(first);
        assertThat(errors(get("/bindings?event=create"))).containsOnlyKeys("event");

        BindingView moved = body(
                put("/bindings/" + second.id(), binding(event, "%", template, Map.of("groupId", first.groupId()))),
                200,
                BindingView.class);
        assertThat(moved.serverId()).isNull();
        assertThat(moved.groupId()).isEqualTo(first.groupId());
        assertThat(moved.categoryPattern()).isEqualTo("%");
        assertThat(moved.position()).isZero();
        assertThat(moved.createdAt()).isEqualTo(second.createdAt());
    }

    @Test
    void namesEveryBadFieldOfABinding() {
        Map<String, Object> body = new HashMap<>();
        body.put("event", "create");
        body.put("categoryPattern", "VPN-%");
        body.put("templateId", 999_999);
        body.put("timeoutSeconds", 0);
        body.put("maxAttempts", 101);
        body.put("backoffSeconds", 86401);

        Map<String, String> errors = errors(post("/bindings", body));

        assertThat(errors)
                .containsOnlyKeys(
                        "event",
                        "categoryPattern",
                        "templateId",
                        "serverId",
                        "timeoutSeconds",
                        "maxAttempts",
                        "backoffSeconds")
                .containsEntry("templateId", "template 999999 does not exist")
                .containsEntry("serverId", "give serverId or groupId: where the command runs")
                .containsEntry("timeoutSeconds", "must be from 1 to 86400, not 0")
                .containsEntry("maxAttempts", "must be from 1 to 100, not 101");
        assertThat(errors.get("event")).contains("'create'", "upper-case");
        assertThat(errors.get("categoryPattern")).contains("'VPN-%'", "SQL LIKE pattern");

        long template = templateId();
        assertThat(errors(post("/bindings", binding("CREATE", "vpn-%", template, Map.of("serverId", 1, "groupId", 1)))))
                .containsOnly(Map.entry("groupId", "give serverId or groupId, not both"));
        assertThat(errors(post("/bindings", binding("CREATE", "vpn-%", template, Map.of("serverId", 999_999)))))
                .containsOnly(Map.entry("serverId", "server 999999 does not exist"));
        assertThat(errors(post("/bindings", binding("CREATE", "vpn-%", template, Map.of("groupId", 999_999)))))
                .containsOnly(Map.entry("groupId", "server group 999999 does not exist"));
        assertThat(errors(post("/bindings", binding("CREATE", "vpn\\", template, Map.of("groupId", groupId("FILL"))))))
                .containsOnlyKeys("categoryPattern");
        assertThat(errors(
                        post("/bindings", binding("E".repeat(65), "%", template, Map.of("groupId", groupId("FILL"))))))
                .containsOnlyKeys("event");
        assertThat(errors(post("/bindings", Map.of("templateId", "seven"))))
                .containsEntry("templateId", "must be a whole number");
    }

    @Test
    void deletesABindingButNotOneWhoseTasksTheSpoolKeeps() {
        long template = templateId();
        ServerView server = createServer(httpServer(unique("api")));
        BindingView unused = body(
                post("/bindings", binding("CREATE", "%", template, Map.of("serverId", server.id()))),
                201,
                BindingView.class);
        BindingView used = body(
                post("/bindings", binding("REMOVE", "%", template, Map.of("serverId", server.id()))),
                201,
                BindingView.class);
        OffsetDateTime now = OffsetDateTime.now();
        db.insertInto(SPOOL_TASK)
                .set(SPOOL_TASK.KIND, "COMMAND")
                .set(SPOOL_TASK.EVENT, "REMOVE")
                .set(SPOOL_TASK.BINDING_ID, used.id())
                .set(SPOOL_TASK.SERVER_ID, server.id())
                .set(SPOOL_TASK.STATUS, "SUCCESS")
                .set(SPOOL_TASK.MAX_ATTEMPTS, 5)
                .set(SPOOL_TASK.BACKOFF_SECONDS, 10)
                .set(SPOOL_TASK.TIMEOUT_SECONDS, 60)
                .set(SPOOL_TASK.RUN_AFTER, now)
                .set(SPOOL_TASK.CREATED_AT, now)
                .set(SPOOL_TASK.UPDATED_AT, now)
                .execute();

        assertThat(delete("/bindings/" + unused.id()).getStatusCode().value()).isEqualTo(204);
        assertThat(get("/bindings/" + unused.id()).getStatusCode().value()).isEqualTo(404);
        assertThat(detail(delete("/bindings/" + used.id()), 409))
                .isEqualTo("binding " + used.id() + " (REMOVE %) queued 1 spool task kept in the spool's history:"
                        + " disable it instead (enabled: false)");
        assertThat(detail(delete("/servers/" + server.id()), 409))
                .contains("1 binding", "1 spool task", "disable it instead");
    }

    // --- CatalogChanged ---

    @Test
    void publishesCatalogChangedAfterEachCommittedChangeOnly() {
        String name = unique("events");
        ServerGroupView group =
                body(post("/groups", Map.of("name", name, "strategy", "FILL")), 201, ServerGroupView.class);
        assertThat(changes()).containsExactly(CatalogChanged.GROUPS);

        errors(post("/groups", Map.of("name", name + "-2", "strategy", "NONE")));
        detail(post("/groups", Map.of("name", name, "strategy", "FILL")), 409);
        get("/groups/" + group.id());
        assertThat(changes()).containsExactly(CatalogChanged.GROUPS);

        long template = templateId();
        ServerView server = createServer(httpServer(unique("api")));
        body(
                post("/bindings", binding("CREATE", "%", template, Map.of("serverId", server.id()))),
                201,
                BindingView.class);
        delete("/groups/" + group.id());
        assertThat(changes())
                .containsExactly(
                        CatalogChanged.GROUPS,
                        CatalogChanged.TEMPLATES,
                        CatalogChanged.SERVERS,
                        CatalogChanged.BINDINGS,
                        CatalogChanged.GROUPS);
        assertThat(db.fetchExists(SERVER_GROUP, SERVER_GROUP.ID.eq(group.id()))).isFalse();
    }

    @Test
    void publishesOnlyOnceTheChangeIsVisibleToOtherConnections() {
        List<Boolean> visible = new ArrayList<>();
        String name = unique("visible");
        ApplicationListener<PayloadApplicationEvent<CatalogChanged>> reader = ApplicationListener.forPayload(
                // another thread, so not the publishing transaction's connection if one were still open
                e -> visible.add(
                        CompletableFuture.supplyAsync(() -> db.fetchExists(SERVER_GROUP, SERVER_GROUP.NAME.eq(name)))
                                .join()));
        context.addApplicationListener(reader);
        try {
            body(post("/groups", Map.of("name", name, "strategy", "FILL")), 201, ServerGroupView.class);
        } finally {
            context.removeApplicationListener(reader);
        }
        assertThat(visible).containsExactly(true);
    }

    // --- security ---

    @Test
    void refusesCallsWithoutAToken() {
        var anonymous = client(null);
        assertThat(anonymous
                        .get()
                        .uri(API + "/groups")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(anonymous
                        .post()
                        .uri(API + "/servers")
                        .body(httpServer("x"))
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(anonymous
                        .put()
                        .uri("/api/v1/user-services/1/server")
                        .body(Map.of("serverId", 1))
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(client("not-a-jwt")
                        .get()
                        .uri(API + "/templates")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(changes()).isEmpty();
    }

    static Map<String, Object> binding(String event, String pattern, long templateId, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("categoryPattern", pattern);
        body.put("templateId", templateId);
        body.putAll(more);
        return body;
    }
}
