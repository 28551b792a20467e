package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.platform.security.Permissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The audit: modules report privileged actions, auditors read them, nobody changes them. */
class AuditIT extends AuthServerTestBase {

    @Test
    void storesAReportedActionUnderTheReportingModuleAndFindsItByOperator() {
        String billing = tokenWith("billing-reporter", Permissions.AUDIT_WRITE);
        String auditor = tokenWith("auditor", Permissions.AUDIT_READ);

        var reported = report(
                billing,
                Map.of(
                        "actor",
                        "cashier7",
                        "subject",
                        "account:5",
                        "action",
                        "ledger.corrected",
                        "detail",
                        "-150.00 RUB"));
        Map<?, ?> page = find(auditor, "operator=cashier7");

        assertThat(reported).isEqualTo(201);
        List<?> items = (List<?>) page.get("items");
        assertThat(items).hasSize(1);
        Map<?, ?> item = (Map<?, ?>) items.getFirst();
        assertThat(item.get("module")).isEqualTo("billing-reporter");
        assertThat(item.get("subject")).isEqualTo("account:5");
        assertThat(item.get("action")).isEqualTo("ledger.corrected");
        assertThat(item.get("detail")).isEqualTo("-150.00 RUB");
    }

    @Test
    void recordsAReportSentAgainWithTheSameKeyOnce() {
        String billing = tokenWith("billing-keyed", Permissions.AUDIT_WRITE);
        String fiscal = tokenWith("fiscal-keyed", Permissions.AUDIT_WRITE);
        String auditor = tokenWith("auditor-keyed", Permissions.AUDIT_READ);
        Map<String, String> body = Map.of("actor", "keyed1", "action", "ledger.corrected", "key", "audit_outbox:7");

        int first = report(billing, body);
        int again = report(billing, body);
        int otherModule = report(fiscal, body);
        int blankKey = report(billing, Map.of("actor", "keyed1", "action", "ledger.corrected", "key", " "));

        assertThat(first).isEqualTo(201);
        assertThat(again).isEqualTo(200);
        assertThat(otherModule).as("keys are the module's own").isEqualTo(201);
        assertThat(blankKey).isEqualTo(400);
        assertThat((List<?>) find(auditor, "operator=keyed1").get("items")).hasSize(2);
    }

    @Test
    void asksAuditWriteToReportAndAuditReadToRead() {
        String reader = tokenWith("reader-only", Permissions.AUDIT_READ);
        String writer = tokenWith("writer-only", Permissions.AUDIT_WRITE);

        assertThat(report(reader, Map.of("actor", "x", "action", "a.b"))).isEqualTo(403);
        assertThat(http.get()
                        .uri("/api/v1/audit")
                        .headers(h -> h.setBearerAuth(writer))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
    }

    @Test
    void refusesAMalformedReportNamingTheField() {
        String writer = tokenWith("sloppy-writer", Permissions.AUDIT_WRITE);

        Map<?, ?> problem = http.post()
                .uri("/api/v1/audit")
                .headers(h -> h.setBearerAuth(writer))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("actor", "cashier7", "action", "Ledger Corrected!"))
                .retrieve()
                .body(Map.class);

        assertThat(problem.get("status")).isEqualTo(400);
        assertThat(((Map<?, ?>) problem.get("errors")).get("action").toString()).contains("lower-case");
    }

    @Test
    void pagesNewestFirstAndFiltersByActionAndTime() {
        String writer = tokenWith("pager-writer", Permissions.AUDIT_WRITE);
        String reader = tokenWith("pager-reader", Permissions.AUDIT_READ);
        for (int i = 1; i <= 3; i++) {
            report(writer, Map.of("actor", "pager", "subject", "s" + i, "action", "pager.test"));
        }

        Map<?, ?> first = find(reader, "action=pager.test&size=2&page=0");
        Map<?, ?> second = find(reader, "action=pager.test&size=2&page=1");
        Map<?, ?> future = find(reader, "action=pager.test&from=2999-01-01T00:00:00Z");

        assertThat(first.get("total")).isEqualTo(3);
        assertThat(((List<?>) first.get("items")).stream().map(i -> (Object) ((Map<?, ?>) i).get("subject")))
                .containsExactly("s3", "s2");
        assertThat(((List<?>) second.get("items")).stream().map(i -> (Object) ((Map<?, ?>) i).get("subject")))
                .containsExactly("s1");
        assertThat((List<?>) future.get("items")).isEmpty();
    }

    @Test
    void recordsLoginsTokensAndRoleChanges() {
        String auditor = tokenWith("watcher", Permissions.AUDIT_READ);
        operatorLogin().login("admin", ADMIN_PASSWORD, UI_SECRET);
        createOperator("audited1", "Audited-Pass-2024x", "support");
        http.put()
                .uri("/api/v1/operators/audited1")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "A", "roles", List.of("noc")))
                .retrieve()
                .toBodilessEntity();

        assertThat(find(auditor, "action=login.succeeded&subject=admin").get("total"))
                .isEqualTo(1);
        assertThat(find(auditor, "action=token.issued&subject=admin").get("total"))
                .isEqualTo(1);
        Map<?, ?> change = (Map<?, ?>) ((List<?>) find(auditor, "action=operator.roles-changed&subject=audited1")
                        .get("items"))
                .getFirst();
        assertThat(change.get("actor")).isEqualTo("cli");
        assertThat(change.get("detail").toString()).contains("[support]").contains("[noc]");
    }

    @Test
    void refusesToUpdateDeleteOrTruncateTheAudit() throws SQLException {
        tokenWith("someone", Permissions.AUDIT_READ); // leaves client.created in the audit
        try (Connection c = database.dataSource().getConnection()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE audit_event SET actor = 'nobody'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM audit_event"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("TRUNCATE audit_event"))
                    .hasMessageContaining("append-only");
            var rs = c.createStatement()
                    .executeQuery("SELECT count(*) FROM audit_event WHERE action = 'client.created'");
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
    }

    private int report(String token, Map<String, String> body) {
        return http.post()
                .uri("/api/v1/audit")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }

    private Map<?, ?> find(String token, String query) {
        return http.get()
                .uri("/api/v1/audit?" + query)
                .headers(h -> h.setBearerAuth(token))
                .retrieve()
                .body(Map.class);
    }
}
