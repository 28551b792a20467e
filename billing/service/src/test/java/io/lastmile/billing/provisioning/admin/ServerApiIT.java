package io.lastmile.billing.provisioning.admin;

import static io.lastmile.billing.db.Tables.USER_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.api.provisioning.ServicePlacement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** ServerAdmin through the operator API, and moving a user service from one server to another. */
class ServerApiIT extends ProvisioningApiTestBase {

    // --- create, read, replace, delete ---

    @Test
    void createsAnHttpServerWithDefaultsAndReadsItBack() {
        String name = unique("billing-api");
        ServerView server = createServer(httpServer(name));

        assertThat(server.name()).isEqualTo(name);
        assertThat(server.transport()).isEqualTo("HTTP");
        assertThat(server.host()).isEqualTo("api.isp.example");
        assertThat(server.port()).isEqualTo(443);
        assertThat(server.groupId()).isNull();
        assertThat(server.credentialsRef()).isNull();
        assertThat(server.hostKey()).isNull();
        assertThat(server.hostKeyFingerprint()).isNull();
        assertThat(server.enabled()).isTrue();
        assertThat(server.weight()).isEqualTo(1);
        assertThat(server.maxServices()).isNull();
        assertThat(server.services()).isZero();
        assertThat(server.settings()).isEmpty();
        assertThat(server.updatedAt()).isEqualTo(server.createdAt());
        assertThat(body(get("/servers/" + server.id()), 200, ServerView.class)).isEqualTo(server);
        assertThat(body(get("/servers"), 200, new TypeReference<List<ServerView>>() {}))
                .contains(server);
    }

    @Test
    void createsAServerWithEveryFieldAndListsItByGroup() {
        long group = groupId("WEIGHTED");
        String token = credential("TOKEN");
        Map<String, Object> body = httpServer(unique("radius-api"));
        body.put("groupId", group);
        body.put("credentialsRef", token);
        body.put("weight", 1000);
        body.put("maxServices", 0);
        body.put("enabled", false);
        body.put("settings", Map.of("baseUrl", "http://10.0.0.5:8080/api", "vlan", 42));

        ServerView server = createServer(body);

        assertThat(server.groupId()).isEqualTo(group);
        assertThat(server.credentialsRef()).isEqualTo(token);
        assertThat(server.port()).isEqualTo(8080);
        assertThat(server.weight()).isEqualTo(1000);
        assertThat(server.maxServices()).isZero();
        assertThat(server.enabled()).isFalse();
        assertThat(server.settings())
                .containsEntry("baseUrl", "http://10.0.0.5:8080/api")
                .containsEntry("vlan", 42);
        assertThat(body(get("/servers?groupId=" + group), 200, new TypeReference<List<ServerView>>() {}))
                .containsExactly(server);
    }

    @Test
    void takesAMailServerWithItsSettingsAndThePortItsSecurityUses() {
        String password = credential("PASSWORD");
        Map<String, Object> body =
                mailServer(unique("smtp"), Map.of("security", "TLS", "from", "Billing <billing@isp.example>"));
        body.put("credentialsRef", password);

        ServerView server = createServer(body);

        assertThat(server.port()).isEqualTo(465);
        assertThat(server.settings()).containsEntry("security", "TLS");
        assertThat(createServer(mailServer(unique("smtp"), Map.of("security", "STARTTLS", "from", "b@isp.example")))
                        .port())
                .isEqualTo(587);
        assertThat(createServer(mailServer(unique("smtp"), Map.of("security", "NONE", "from", "b@isp.example")))
                        .port())
                .isEqualTo(25);
    }

    @Test
    void namesWhatAMailServersSettingsLack() {
        assertThat(errors(post("/servers", mailServer(unique("smtp"), Map.of()))))
                .containsOnlyKeys("settings.security", "settings.from");
        Map<String, String> errors = errors(post(
                "/servers",
                mailServer(
                        unique("smtp"),
                        Map.of("security", "SSL", "from", "not an address@", "trustHosts", List.of("*")))));
        assertThat(errors).containsOnlyKeys("settings.security", "settings.from", "settings.trustHosts");
        assertThat(errors.get("settings.security")).isEqualTo("must be NONE, STARTTLS, TLS, not 'SSL'");
        assertThat(errors.get("settings.from")).startsWith("'not an address@' is not a mail address");
        assertThat(errors.get("settings.trustHosts")).contains("'*' would accept any certificate");
        assertThat(errors(post(
                        "/servers",
                        mailServer(
                                unique("smtp"),
                                Map.of("security", "TLS", "from", "b@isp.example", "trustHosts", "x")))))
                .containsOnlyKeys("settings.trustHosts");
    }

    @Test
    void namesEveryBadFieldOfAServerAtOnce() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "");
        body.put("groupId", 999_999);
        body.put("transport", "FTP");
        body.put("host", "https://vpn1.isp.example:22");
        body.put("port", 70000);
        body.put("weight", 0);
        body.put("maxServices", -1);
        body.put("credentialsRef", "nobody-stored-this");

        Map<String, String> errors = errors(post("/servers", body));

        assertThat(errors)
                .containsOnlyKeys("name", "groupId", "transport", "host", "port", "weight", "maxServices")
                .containsEntry("groupId", "server group 999999 does not exist")
                .containsEntry("transport", "must be SSH, HTTP, MAIL, not 'FTP'")
                .containsEntry("port", "must be from 1 to 65535, not 70000")
                .containsEntry("weight", "must be from 1 to 1000, not 0")
                .containsEntry("maxServices", "must be 0 or more, or null for no limit, not -1");
        assertThat(errors.get("host")).contains("without scheme, user or port");

        body.put("transport", "HTTP");
        assertThat(errors(post("/servers", body)).get("credentialsRef"))
                .isEqualTo("no credential is named 'nobody-stored-this': store it first (the credentials API), then"
                        + " refer to it");
        assertThat(errors(post("/servers", Map.of("name", "x", "transport", "SSH", "host", "h", "port", "twenty-two"))))
                .containsOnly(Map.entry("port", "must be a whole number"));
        assertThat(errors(post("/servers", Map.of("name", "x", "transport", "SSH", "host", "h", "settings", "x"))))
                .containsOnly(Map.entry("settings", "must be a JSON object"));
        Map<String, Object> credentialsInUrl = httpServer(unique("api"));
        credentialsInUrl.put("settings", Map.of("baseUrl", "https://admin:secret@api.isp.example/"));
        assertThat(errors(post("/servers", credentialsInUrl)).get("settings.baseUrl"))
                .contains("keep them in a credential");
        credentialsInUrl.put("settings", Map.of("baseUrl", "api.isp.example"));
        assertThat(errors(post("/servers", credentialsInUrl)).get("settings.baseUrl"))
                .contains("absolute http");
    }

    @Test
    void refusesACredentialOfTheWrongKind() {
        Map<String, Object> body = sshServer(unique("vpn"));
        body.put("credentialsRef", credential("PASSWORD"));

        assertThat(errors(post("/servers", body)).get("credentialsRef"))
                .endsWith("is a PASSWORD; an SSH server needs SSH_KEY");
        Map<String, Object> mail = mailServer(unique("smtp"), Map.of("security", "TLS", "from", "b@isp.example"));
        mail.put("credentialsRef", credential("SSH_KEY"));
        assertThat(errors(post("/servers", mail)).get("credentialsRef")).endsWith("needs PASSWORD");
    }

    @Test
    void startsAnSshServerDisabledAndRefusesToEnableItBeforeItsHostKeyIsPinned() {
        Map<String, Object> body = sshServer(unique("vpn"));
        body.put("credentialsRef", credential("SSH_KEY"));
        ServerView server = createServer(body);

        assertThat(server.enabled()).isFalse();
        assertThat(server.port()).isEqualTo(22);

        body.put("enabled", true);
        assertThat(errors(put("/servers/" + server.id(), body)).get("enabled"))
                .contains("host key is pinned", "/api/v1/provisioning/servers/" + server.id() + "/host-key/scan");
        assertThat(errors(post("/servers", body)).get("enabled"))
                .contains("create it disabled (leave enabled out), then scan its host key");
        body.remove("credentialsRef");
        assertThat(errors(post("/servers", body)))
                .containsOnlyKeys("credentialsRef", "enabled")
                .containsEntry("credentialsRef", "an enabled SSH server needs the name of its SSH_KEY credential");
    }

    @Test
    void replacesAServerKeepingWhetherItIsEnabledWhenTheRequestDoesNotSay() {
        ServerView server = createServer(httpServer(unique("api")));
        Map<String, Object> off = httpServer(server.name());
        off.put("enabled", false);
        assertThat(body(put("/servers/" + server.id(), off), 200, ServerView.class)
                        .enabled())
                .isFalse();

        Map<String, Object> changed = httpServer(server.name() + "-2");
        changed.put("host", "2001:db8::5");
        changed.put("port", 8443);
        ServerView replaced = body(put("/servers/" + server.id(), changed), 200, ServerView.class);

        assertThat(replaced.enabled()).isFalse();
        assertThat(replaced.name()).isEqualTo(server.name() + "-2");
        assertThat(replaced.host()).isEqualTo("2001:db8::5");
        assertThat(replaced.port()).isEqualTo(8443);
        assertThat(replaced.createdAt()).isEqualTo(server.createdAt());
        assertThat(detail(
                        put(
                                "/servers/" + server.id(),
                                httpServer(
                                        createServer(httpServer(unique("api"))).name())),
                        409))
                .contains("exists already");
        assertThat(detail(put("/servers/999999", changed), 404)).isEqualTo("server 999999 does not exist");
    }

    @Test
    void deletesAnUnusedServerButRefusesOneUserServicesAreOn() {
        ServerView unused = createServer(httpServer(unique("api")));
        assertThat(delete("/servers/" + unused.id()).getStatusCode().value()).isEqualTo(204);
        assertThat(detail(get("/servers/" + unused.id()), 404)).isEqualTo("server " + unused.id() + " does not exist");

        ServerView used = createServer(httpServer(unique("api")));
        body(move(userService(), Map.of("serverId", used.id())), 200, ServicePlacement.class);
        body(move(userService(), Map.of("serverId", used.id())), 200, ServicePlacement.class);

        assertThat(detail(delete("/servers/" + used.id()), 409))
                .isEqualTo("server '" + used.name() + "' is referred to by 2 user services: disable it instead"
                        + " (enabled: false), or move its services and bindings away first");
    }

    // --- services on a server, and moves ---

    @Test
    void movesAServiceToAnotherServerAndCountsServicesNotRemoved() {
        ServerView from = createServer(httpServer(unique("old")));
        ServerView to = createServer(httpServer(unique("new")));
        long service = userService();
        long stopped = userService();

        assertThat(body(move(service, Map.of("serverId", from.id())), 200, ServicePlacement.class))
                .isEqualTo(new ServicePlacement(service, from.id(), from.name()));
        body(move(stopped, Map.of("serverId", from.id())), 200, ServicePlacement.class);
        assertThat(body(get("/servers/" + from.id()), 200, ServerView.class).services())
                .isEqualTo(2);

        assertThat(admin().post()
                        .uri("/api/v1/user-services/{id}/stop", stopped)
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(statusOf(stopped)).isEqualTo("REMOVED");
        assertThat(body(get("/servers/" + from.id()), 200, ServerView.class).services())
                .isEqualTo(1);

        ServicePlacement moved = body(move(service, Map.of("serverId", to.id())), 200, ServicePlacement.class);

        assertThat(moved).isEqualTo(new ServicePlacement(service, to.id(), to.name()));
        assertThat(serverOf(service)).isEqualTo(to.id());
        assertThat(body(get("/servers/" + from.id()), 200, ServerView.class).services())
                .isZero();
        assertThat(body(get("/servers/" + to.id()), 200, ServerView.class).services())
                .isEqualTo(1);
        assertThat(body(move(service, Map.of("serverId", to.id())), 200, ServicePlacement.class))
                .isEqualTo(moved);
        assertThat(detail(move(stopped, Map.of("serverId", to.id())), 409)).contains("is removed");
    }

    @Test
    void refusesToMoveAServiceToADisabledOrFullServer() {
        Map<String, Object> disabled = httpServer(unique("off"));
        disabled.put("enabled", false);
        ServerView off = createServer(disabled);
        Map<String, Object> small = httpServer(unique("small"));
        small.put("maxServices", 1);
        ServerView one = createServer(small);
        long first = userService();
        long second = userService();

        assertThat(detail(move(first, Map.of("serverId", off.id())), 409))
                .isEqualTo("server '" + off.name() + "' is disabled: enable it first or choose another");
        body(move(first, Map.of("serverId", one.id())), 200, ServicePlacement.class);
        assertThat(detail(move(second, Map.of("serverId", one.id())), 409))
                .isEqualTo("server '" + one.name() + "' is full: it holds 1 services and takes at most 1"
                        + " (maxServices)");
        assertThat(serverOf(second)).isNull();
    }

    @Test
    void refusesToMoveAnUnknownServiceOrToAnUnknownServer() {
        ServerView server = createServer(httpServer(unique("api")));
        long service = userService();

        assertThat(detail(move(999_999, Map.of("serverId", server.id())), 404))
                .isEqualTo("user service 999999 does not exist");
        assertThat(detail(move(service, Map.of("serverId", 999_999)), 404)).isEqualTo("server 999999 does not exist");
        assertThat(errors(move(service, Map.of()))).containsOnlyKeys("serverId");
        assertThat(errors(move(service, Map.of("serverId", "new")))).containsOnlyKeys("serverId");
    }

    private String statusOf(long userServiceId) {
        return db.select(USER_SERVICE.STATUS)
                .from(USER_SERVICE)
                .where(USER_SERVICE.ID.eq(userServiceId))
                .fetchSingle(USER_SERVICE.STATUS);
    }

    private Long serverOf(long userServiceId) {
        return db.select(USER_SERVICE.SERVER_ID)
                .from(USER_SERVICE)
                .where(USER_SERVICE.ID.eq(userServiceId))
                .fetchSingle(USER_SERVICE.SERVER_ID);
    }

    static Map<String, Object> mailServer(String name, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("transport", "MAIL");
        body.put("host", "smtp.isp.example");
        body.put("settings", settings);
        return body;
    }

    static Map<String, Object> sshServer(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("transport", "SSH");
        body.put("host", "vpn1.isp.example");
        return body;
    }
}
