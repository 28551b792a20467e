package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.Permissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;

/** Operators log in through the authorization-code flow with PKCE; their tokens carry what their roles grant. */
class OperatorTokensIT extends AuthServerTestBase {

    @Test
    void givesTheFirstAdminEveryPermissionAndTheLastmileAudience() {
        Jwt jwt =
                decode(operatorLogin().login("admin", ADMIN_PASSWORD, UI_SECRET).get("access_token"));

        assertThat(jwt.getSubject()).isEqualTo("admin");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM)).containsExactly("*");
        assertThat(jwt.getAudience()).containsExactlyInAnyOrder("operator-ui", Permissions.AUDIENCE);
        assertThat(jwt.hasClaim(Permissions.CORRECTION_LIMIT_CLAIM)).isFalse();
        assertThat(jwt.getExpiresAt()).isBefore(jwt.getIssuedAt().plusSeconds(5 * 60 + 1));
    }

    @Test
    void givesACashierTheSeededPermissionsAndTheCorrectionLimit() {
        createOperator("cashier1", "Kassa-Pass-2024x", "cashier");

        Jwt jwt = decode(
                operatorLogin().login("cashier1", "Kassa-Pass-2024x", UI_SECRET).get("access_token"));

        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("cashier");
        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM))
                .containsExactlyInAnyOrder(
                        Permissions.ACCOUNTS_READ,
                        Permissions.LEDGER_READ,
                        Permissions.PAYMENTS_WRITE,
                        Permissions.LEDGER_CORRECT,
                        Permissions.FISCAL_READ);
        assertThat(jwt.getClaimAsString(Permissions.CORRECTION_LIMIT_CLAIM)).isEqualTo("5000.00");
    }

    @Test
    void unitesThePermissionsOfSeveralRolesAndKeepsTheSmallestLimit() {
        createRole("senior-cashier", List.of(Permissions.LEDGER_CORRECT), "20000.00");
        createOperator("mixed1", "Mixed-Pass-2024x", "cashier", "support", "senior-cashier");

        Jwt jwt = decode(
                operatorLogin().login("mixed1", "Mixed-Pass-2024x", UI_SECRET).get("access_token"));

        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("cashier", "senior-cashier", "support");
        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM))
                .contains(Permissions.PAYMENTS_WRITE, Permissions.TICKETS_WRITE, Permissions.ACCOUNTS_BLOCK)
                .doesNotHaveDuplicates()
                .doesNotContain(Permissions.ACCOUNTS_WRITE);
        assertThat(jwt.getClaimAsString(Permissions.CORRECTION_LIMIT_CLAIM)).isEqualTo("5000.00");
    }

    @Test
    void omitsTheLimitWhenARoleGrantingCorrectionsHasNone() {
        createRole("auditor-unlimited", List.of(Permissions.LEDGER_CORRECT), null);
        createOperator("unlimited1", "Unlimited-Pass-2024x", "cashier", "auditor-unlimited");

        Jwt jwt = decode(operatorLogin()
                .login("unlimited1", "Unlimited-Pass-2024x", UI_SECRET)
                .get("access_token"));

        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM)).contains(Permissions.LEDGER_CORRECT);
        assertThat(jwt.hasClaim(Permissions.CORRECTION_LIMIT_CLAIM)).isFalse();
    }

    @Test
    void rotatesRefreshTokensAndRefusesAUsedOne() {
        createOperator("noc1", "Noc-Operator-2024x", "noc");
        LoginFlow flow = operatorLogin();
        Map<String, Object> first = flow.login("noc1", "Noc-Operator-2024x", UI_SECRET);
        String refresh = first.get("refresh_token").toString();

        Map<String, Object> second = flow.refresh(refresh, UI_SECRET);
        Map<String, Object> reused = flow.refresh(refresh, UI_SECRET);

        assertThat(second.get("status")).isEqualTo(200);
        assertThat(second.get("refresh_token")).isNotNull().isNotEqualTo(refresh);
        assertThat(decode(second.get("access_token")).getClaimAsStringList("roles"))
                .containsExactly("noc");
        assertThat(reused.get("status")).isEqualTo(400);
        assertThat(reused.get("error")).isEqualTo("invalid_grant");
    }

    @Test
    void refreshCarriesNewRolesAndIsRefusedOnceTheOperatorIsDisabled() {
        createOperator("support1", "Support-Pass-2024x", "support");
        LoginFlow flow = operatorLogin();
        String refresh = flow.login("support1", "Support-Pass-2024x", UI_SECRET)
                .get("refresh_token")
                .toString();

        change("support1", Map.of("name", "S", "roles", List.of("readonly")));
        Map<String, Object> refreshed = flow.refresh(refresh, UI_SECRET);
        change("support1", Map.of("name", "S", "roles", List.of("readonly"), "enabled", false));
        Map<String, Object> refused =
                flow.refresh(refreshed.get("refresh_token").toString(), UI_SECRET);

        assertThat(decode(refreshed.get("access_token")).getClaimAsStringList("roles"))
                .containsExactly("readonly");
        assertThat(refused.get("status")).isEqualTo(400);
    }

    @Test
    void acceptsAnOlderBcryptHashOnceAndStoresArgon2() throws SQLException {
        createOperator("legacy1", "Legacy-Pass-2024x", "readonly");
        setHash("legacy1", "{bcrypt}" + new BCryptPasswordEncoder().encode("Old-Bcrypt-Pass-99"));

        Map<String, Object> tokens = operatorLogin().login("legacy1", "Old-Bcrypt-Pass-99", UI_SECRET);

        assertThat(tokens.get("access_token")).isNotNull();
        assertThat(hash("legacy1")).startsWith("{argon2}");
    }

    @Test
    void changesAPasswordAndDeletesAnOperator() {
        createOperator("leaver1", "Leaver-Pass-2024x", "support");

        int changed = http.put()
                .uri("/api/v1/operators/leaver1/password")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "Another-Pass-2025y"))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
        LoginFlow oldPassword = operatorLogin();
        oldPassword.start();
        int withOld = oldPassword.submitPassword("leaver1", "Leaver-Pass-2024x").statusCode();
        Map<String, Object> withNew = operatorLogin().login("leaver1", "Another-Pass-2025y", UI_SECRET);
        int deleted = http.delete()
                .uri("/api/v1/operators/leaver1")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
        Map<String, Object> refreshAfterDelete =
                operatorLogin().refresh(withNew.get("refresh_token").toString(), UI_SECRET);

        assertThat(changed).isEqualTo(204);
        assertThat(withOld).isEqualTo(401);
        assertThat(deleted).isEqualTo(204);
        assertThat(refreshAfterDelete.get("status")).isEqualTo(400);
    }

    @Test
    void refusesWeakPasswordsSayingWhy() {
        Map<?, ?> tooShort = createOperatorAnswer("weak1", "Short-1");
        Map<?, ?> common = createOperatorAnswer("weak2", "qwerty123456");
        Map<?, ?> login = createOperatorAnswer("weak3", "xxweak3-and-more");

        assertThat(((Map<?, ?>) tooShort.get("errors")).get("password").toString())
                .contains("at least 10");
        assertThat(((Map<?, ?>) common.get("errors")).get("password").toString())
                .contains("common");
        assertThat(((Map<?, ?>) login.get("errors")).get("password").toString()).contains("login");
        assertThat(tooShort.get("status")).isEqualTo(400);
    }

    private Map<?, ?> createOperatorAnswer(String login, String password) {
        return http.post()
                .uri("/api/v1/operators")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("login", login, "name", "W", "password", password, "roles", List.of()))
                .retrieve()
                .body(Map.class);
    }

    private void createRole(String name, List<String> permissions, String limit) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", name, "permissions", permissions));
        if (limit != null) {
            body.put("correctionLimit", new java.math.BigDecimal(limit));
        }
        var answer = http.post()
                .uri("/api/v1/roles")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(String.class);
        assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(201);
    }

    private void change(String login, Map<String, Object> change) {
        var answer = http.put()
                .uri("/api/v1/operators/{login}", login)
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(change)
                .retrieve()
                .toEntity(String.class);
        assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(200);
    }

    private void setHash(String login, String hash) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement update =
                        c.prepareStatement("UPDATE operator SET password_hash = ? WHERE login = ?")) {
            update.setString(1, hash);
            update.setString(2, login);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private String hash(String login) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement select = c.prepareStatement("SELECT password_hash FROM operator WHERE login = ?")) {
            select.setString(1, login);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
