package io.lastmile.billing.account.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.FakeAuth;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.periodic.PeriodicJobs;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Billing creates each account's credential in auth, through auth's API with its own service
 * token (client credentials), against a local server that answers as auth's API does: 201 for a
 * new credential, 409 for one it has, 400 for logins it refuses, 503 while it is down.
 */
class AuthCredentialsIT extends BillingApiTestBase {

    private static final FakeAuth AUTH = new FakeAuth("/api/v1/subscribers", body -> {
        if (body.contains("CR-409")) {
            return new FakeAuth.Answer(409, "{\"detail\":\"account has a credential already\"}");
        }
        if (body.contains("CR-400")) {
            return new FakeAuth.Answer(400, "{\"detail\":\"contract refused by auth\"}");
        }
        return new FakeAuth.Answer(201, "{}");
    });

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
        AUTH.requests().clear();
        AUTH.down(false);
        // accounts of earlier tests are done with
        db.execute("UPDATE account SET credential_created_at = now() WHERE credential_created_at IS NULL");
    }

    @Test
    void eachNewAccountGetsItsCredentialOnceWithItsLoginsAndNoPassword() {
        long first = open("CR-1001");
        long second = open("CR-1002");

        assertThat(run().kind().name()).isEqualTo("SUCCESS");
        assertThat(AUTH.requests())
                .containsExactly(
                        "Bearer " + FakeAuth.TOKEN + " {\"accountId\":" + first
                                + ",\"contract\":\"CR-1001\",\"email\":null,\"phone\":null}",
                        "Bearer " + FakeAuth.TOKEN + " {\"accountId\":" + second
                                + ",\"contract\":\"CR-1002\",\"email\":null,\"phone\":null}");

        AUTH.requests().clear();
        run();
        assertThat(AUTH.requests()).as("sent once").isEmpty();
    }

    @Test
    void aCredentialAuthHasAlreadyCountsAsCreated() {
        long id = open("CR-409");
        run();
        assertThat(createdAt(id)).isNotNull();
        assertThat(problem(id)).isNull();
    }

    @Test
    void loginsAuthRefusesAreSetAsideWithItsAnswerUntilTheyChange() {
        long id = open("CR-400");
        run();
        assertThat(createdAt(id)).isNull();
        assertThat(problem(id)).contains("400").contains("contract refused by auth");

        AUTH.requests().clear();
        run();
        assertThat(AUTH.requests()).as("not sent again as it is").isEmpty();
    }

    @Test
    void whileAuthIsDownTheRunIsRetriedAndNothingIsMarked() {
        long id = open("CR-2001");
        AUTH.down(true);
        assertThat(run().kind().name()).isEqualTo("RETRY");
        assertThat(createdAt(id)).isNull();

        AUTH.down(false);
        assertThat(run().kind().name()).isEqualTo("SUCCESS");
        assertThat(createdAt(id)).isNotNull();
    }

    private AttemptOutcome run() {
        return jobs.run("auth-credentials", (stream, line) -> {});
    }

    private long open(String contract) {
        return admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(contract, "Subscriber " + contract, "RUB"))
                .retrieve()
                .body(AccountView.class)
                .id();
    }

    private Object createdAt(long id) {
        return db.fetchValue("SELECT credential_created_at FROM account WHERE id = ?", id);
    }

    private String problem(long id) {
        return (String) db.fetchValue("SELECT credential_problem FROM account WHERE id = ?", id);
    }
}
