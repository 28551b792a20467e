package io.lastmile.billing.account.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.FakeAuth;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.periodic.PeriodicJobs;
import java.util.Map;
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

    private static final FakeAuth AUTH = FakeAuth.answering("/api/v1/subscribers", call -> {
        boolean create = call.method().equals("POST") && call.path().equals("/api/v1/subscribers");
        if (create && call.body().contains("CR-409")) {
            return new FakeAuth.Answer(409, "{\"detail\":\"account has a credential already\"}");
        }
        if (call.body().contains("CR-400")) {
            return new FakeAuth.Answer(400, "{\"detail\":\"contract refused by auth\"}");
        }
        if (call.body().contains("taken@")) {
            return new FakeAuth.Answer(409, "{\"detail\":\"the e-mail is another subscriber's login\"}");
        }
        return new FakeAuth.Answer(create ? 201 : 200, "{}");
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
        AUTH.calls().clear();
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
    void aCredentialAuthHasAlreadyCountsAsCreatedOnceItsLoginsAreSent() {
        long id = open("CR-409");
        run();
        assertThat(createdAt(id)).isNotNull();
        assertThat(problem(id)).isNull();
        assertThat(AUTH.calls())
                .extracting(FakeAuth.Request::toString)
                .containsExactly(
                        "POST /api/v1/subscribers {\"accountId\":" + id
                                + ",\"contract\":\"CR-409\",\"email\":null,\"phone\":null}",
                        "PUT /api/v1/subscribers/" + id + "/logins {\"accountId\":" + id
                                + ",\"contract\":\"CR-409\",\"email\":null,\"phone\":null}",
                        "POST /api/v1/subscribers/" + id + "/enable");
    }

    @Test
    void aChangedEmailOrContractIsSentOnce() {
        long id = open("CR-3001");
        run();
        AUTH.calls().clear();

        patch(id, Map.of("email", "new3001@example.ru", "contract", "CR-3001B"));
        patch(id, Map.of("name", "a new name changes no login"));
        run();
        run();

        assertThat(AUTH.calls())
                .extracting(FakeAuth.Request::toString)
                .containsExactly(
                        "PUT /api/v1/subscribers/" + id + "/logins {\"accountId\":" + id
                                + ",\"contract\":\"CR-3001B\",\"email\":\"new3001@example.ru\",\"phone\":null}",
                        "POST /api/v1/subscribers/" + id + "/enable");
    }

    @Test
    void closingTheAccountDisablesItsLoginAndReopeningEnablesIt() {
        long id = open("CR-3002");
        run();
        AUTH.calls().clear();

        patch(id, Map.of("status", "BLOCKED"));
        run();
        assertThat(AUTH.calls())
                .as("a blocked subscriber still logs in, to pay")
                .isEmpty();

        patch(id, Map.of("status", "CLOSED"));
        run();
        patch(id, Map.of("status", "ACTIVE"));
        run();

        assertThat(AUTH.calls())
                .extracting(FakeAuth.Request::toString)
                .filteredOn(call -> !call.startsWith("PUT"))
                .containsExactly(
                        "POST /api/v1/subscribers/" + id + "/disable", "POST /api/v1/subscribers/" + id + "/enable");
    }

    @Test
    void aChangedLoginThatAuthRefusesIsSetAsideUntilTheNextChange() {
        long id = open("CR-3003");
        run();

        patch(id, Map.of("email", "taken@example.ru"));
        run();
        assertThat(problem(id)).contains("409").contains("another subscriber's login");
        AUTH.calls().clear();
        run();
        assertThat(AUTH.calls()).as("not sent again as it is").isEmpty();

        patch(id, Map.of("email", "free3003@example.ru"));
        run();
        assertThat(problem(id)).isNull();
        assertThat(AUTH.calls()).extracting(FakeAuth.Request::toString).anyMatch(c -> c.contains("free3003@"));
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

        patch(id, Map.of("contract", "CR-401"));
        run();
        assertThat(problem(id)).as("a change of the logins tries again").isNull();
        assertThat(createdAt(id)).isNotNull();
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

    private void patch(long id, Map<String, Object> change) {
        admin().patch().uri("/api/v1/accounts/{id}", id).body(change).retrieve().toBodilessEntity();
    }

    private Object createdAt(long id) {
        return db.fetchValue("SELECT credential_created_at FROM account WHERE id = ?", id);
    }

    private String problem(long id) {
        return (String) db.fetchValue("SELECT credential_problem FROM account WHERE id = ?", id);
    }
}
