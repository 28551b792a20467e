package io.lastmile.billing.account.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.periodic.PeriodicJobs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static volatile boolean down;
    private static final HttpServer AUTH = fakeAuth();

    @Autowired
    private PeriodicJobs jobs;

    @Autowired
    private DSLContext db;

    @DynamicPropertySource
    static void auth(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + AUTH.getAddress().getPort();
        registry.add("lastmile.platform.auth.issuer", () -> url);
        registry.add("lastmile.platform.auth.token-uri", () -> url + "/oauth2/token");
        registry.add("lastmile.platform.client.id", () -> "billing");
        registry.add("lastmile.platform.client.secret", () -> "billing-secret");
    }

    @AfterAll
    static void stopAuth() {
        AUTH.stop(0);
    }

    @BeforeEach
    void reset() {
        REQUESTS.clear();
        down = false;
        // accounts of earlier tests are done with
        db.execute("UPDATE account SET credential_created_at = now() WHERE credential_created_at IS NULL");
    }

    @Test
    void eachNewAccountGetsItsCredentialOnceWithItsLoginsAndNoPassword() {
        long first = open("CR-1001");
        long second = open("CR-1002");

        assertThat(run().kind().name()).isEqualTo("SUCCESS");
        assertThat(REQUESTS)
                .containsExactly(
                        "Bearer billing-token {\"accountId\":" + first
                                + ",\"contract\":\"CR-1001\",\"email\":null,\"phone\":null}",
                        "Bearer billing-token {\"accountId\":" + second
                                + ",\"contract\":\"CR-1002\",\"email\":null,\"phone\":null}");

        REQUESTS.clear();
        run();
        assertThat(REQUESTS).as("sent once").isEmpty();
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

        REQUESTS.clear();
        run();
        assertThat(REQUESTS).as("not sent again as it is").isEmpty();
    }

    @Test
    void whileAuthIsDownTheRunIsRetriedAndNothingIsMarked() {
        long id = open("CR-2001");
        down = true;
        assertThat(run().kind().name()).isEqualTo("RETRY");
        assertThat(createdAt(id)).isNull();

        down = false;
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

    private static HttpServer fakeAuth() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth2/token", ex -> {
                String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!form.contains("grant_type=client_credentials")) {
                    answer(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
                    return;
                }
                answer(ex, 200, "{\"access_token\":\"billing-token\",\"token_type\":\"Bearer\",\"expires_in\":300}");
            });
            server.createContext("/api/v1/subscribers", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (down) {
                    answer(ex, 503, "");
                    return;
                }
                REQUESTS.add(ex.getRequestHeaders().getFirst("Authorization") + " " + body);
                if (body.contains("CR-409")) {
                    answer(ex, 409, "{\"detail\":\"account has a credential already\"}");
                } else if (body.contains("CR-400")) {
                    answer(ex, 400, "{\"detail\":\"contract refused by auth\"}");
                } else {
                    answer(ex, 201, "{}");
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
