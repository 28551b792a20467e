package io.lastmile.billing.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.FakeAuth;
import io.lastmile.billing.api.AccountPatch;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewCorrection;
import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.periodic.PeriodicJobs;
import java.math.BigDecimal;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Privileged actions reach auth's audit: written with the action, reported in order by the
 * `audit-to-auth` job with billing's service token, to a local server answering as auth's
 * {@code POST /api/v1/audit} does (201; 400 for a report it refuses; 503 while down).
 */
class AuditDeliveryIT extends BillingApiTestBase {

    private static final FakeAuth AUTH = new FakeAuth(
            "/api/v1/audit",
            body -> body.contains("refuse-me")
                    ? new FakeAuth.Answer(400, "{\"detail\":\"action: not an action\"}")
                    : new FakeAuth.Answer(201, ""));

    @Autowired
    private PeriodicJobs jobs;

    @Autowired
    private DSLContext db;

    @DynamicPropertySource
    static void auth(DynamicPropertyRegistry registry) {
        AUTH.register(registry);
    }

    @AfterAll
    static void stopAuth() {
        AUTH.close();
    }

    @BeforeEach
    void reset() {
        AUTH.down(false);
        run();
        AUTH.requests().clear();
    }

    @Test
    void aCorrectionIsReportedWithWhoDidItToWhichAccountAndHowMuch() {
        long account = open();
        ResponseEntity<String> booked = correct(account, "-12.50", "meter misread");
        assertThat(booked.getStatusCode().value()).isEqualTo(201);

        assertThat(run().kind()).isEqualTo(AttemptOutcome.Kind.SUCCESS);
        assertThat(AUTH.requests()).singleElement().satisfies(request -> {
            assertThat(request).startsWith("Bearer " + FakeAuth.TOKEN + " ");
            assertThat(request)
                    .contains("\"actor\":\"cli\"")
                    .contains("\"subject\":\"account " + account + "\"")
                    .contains("\"action\":\"ledger.correction\"")
                    .containsPattern("\"key\":\"audit_outbox:\\d+\"")
                    .contains(": -12.50 RUB, meter misread");
        });

        AUTH.requests().clear();
        run();
        assertThat(AUTH.requests()).as("reported once").isEmpty();
    }

    @Test
    void aRefusedCorrectionLeavesNoRecord() {
        long account = open();
        ResponseEntity<String> refused = correct(account, "0", "nothing");
        assertThat(refused.getStatusCode().value()).isEqualTo(400);

        run();
        assertThat(AUTH.requests()).isEmpty();
    }

    @Test
    void aBlockAndAnUnblockAreReportedInTheirOrder() {
        long account = open();
        status(account, "BLOCKED");
        status(account, "ACTIVE");

        run();
        assertThat(AUTH.requests()).hasSize(2);
        assertThat(AUTH.requests().get(0))
                .contains("\"action\":\"account.status\"")
                .contains("ACTIVE → BLOCKED");
        assertThat(AUTH.requests().get(1)).contains("BLOCKED → ACTIVE");
    }

    @Test
    void anOperatorSkippingADeadTaskIsReported() {
        long task = db.fetchSingle("INSERT INTO spool_task (kind, job, event, status, max_attempts, policy_attempts,"
                        + " backoff_seconds, timeout_seconds, attempts, run_after, created_at, updated_at)"
                        + " VALUES ('PERIODIC', 'nightly', 'JOB nightly', 'DEAD', 3, 3, 30, 60, 3, now(), now(),"
                        + " now()) RETURNING id")
                .get(0, Long.class);
        ResponseEntity<String> skipped = admin().post()
                .uri("/api/v1/provisioning/tasks/{id}/skip", task)
                .retrieve()
                .toEntity(String.class);
        assertThat(skipped.getStatusCode().value()).isEqualTo(200);

        run();
        assertThat(AUTH.requests())
                .singleElement()
                .asString()
                .contains("\"action\":\"spool.task.skipped\"")
                .contains("\"subject\":\"task " + task + "\"")
                .contains("was DEAD");
    }

    @Test
    void whileAuthIsDownActionsWaitAndAReportItRefusesIsSetAsideWithoutStoppingTheRest() {
        long account = open();
        correct(account, "5.00", "refuse-me");
        correct(account, "7.00", "goodwill");
        AUTH.down(true);
        assertThat(run().kind()).isEqualTo(AttemptOutcome.Kind.RETRY);
        assertThat(AUTH.requests()).isEmpty();

        AUTH.down(false);
        assertThat(run().kind()).isEqualTo(AttemptOutcome.Kind.SUCCESS);
        assertThat(AUTH.requests()).hasSize(2);
        assertThat(db.fetchValue(
                        "SELECT problem FROM audit_outbox WHERE detail LIKE '%refuse-me%' AND sent_at IS NULL"))
                .asString()
                .contains("400");
        assertThat(db.fetchValue(
                        "SELECT count(*) FROM audit_outbox WHERE detail LIKE '%goodwill%' AND sent_at IS NOT NULL"))
                .isEqualTo(1L);
    }

    private AttemptOutcome run() {
        return jobs.run("audit-to-auth", (stream, line) -> {});
    }

    private long open() {
        return admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("AU-" + UUID.randomUUID().toString().substring(0, 8), "Audited", "RUB"))
                .retrieve()
                .body(AccountView.class)
                .id();
    }

    private ResponseEntity<String> correct(long account, String amount, String reason) {
        return admin().post()
                .uri("/api/v1/accounts/{id}/corrections", account)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(new NewCorrection(new BigDecimal(amount), "RUB", null, reason))
                .retrieve()
                .toEntity(String.class);
    }

    private void status(long account, String status) {
        AccountPatch patch = new AccountPatch(null, null, null, null, null, null, null, null, null, null, status, null);
        ResponseEntity<String> changed = admin().patch()
                .uri("/api/v1/accounts/{id}", account)
                .body(patch)
                .retrieve()
                .toEntity(String.class);
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
    }
}
