package io.lastmile.billing;

import io.lastmile.billing.provisioning.ProvisioningFixture;
import io.lastmile.billing.provisioning.SpoolDriver;
import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.TestTokens;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * billing over real HTTP, behind its real resource-server chain, on real PostgreSQL; tokens are
 * signed by a test key that the app trusts instead of auth. Subclasses share one application.
 */
@ExtendWith(PostgresExtension.class)
@Import(BillingApiTestBase.Tokens.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "lastmile.billing.test-clock.enabled=true",
            "lastmile.billing.subscriptions.clock.enabled=false",
            "lastmile.billing.spool.workers=0",
            // the secret key of test apps stays in the build directory, not in var/ of the module
            "lastmile.billing.secrets.key-file=target/test-secret.key"
        })
public abstract class BillingApiTestBase {

    protected static final TestTokens TOKENS = TestTokens.generate();

    /** Nothing is bound to this category: events that change no status are not written for it. */
    protected static final String QUIET_CATEGORY = "quiet";

    @TestConfiguration
    static class Tokens {
        @Bean
        JwtDecoder jwtDecoder() {
            return TOKENS.decoder();
        }
    }

    @Autowired
    protected ApplicationContext context;

    /**
     * Runs the spool by hand until nothing is ready (its workers are off in tests): dispatches the
     * event outbox and runs every ready task; retries wait for the test clock. Answers the attempts run.
     */
    protected int runSpool() {
        return SpoolDriver.drain(context);
    }

    /**
     * Test classes share one application (and so its database): a test's bindings are switched off
     * after it, so that its commands never run for another test's services.
     */
    @AfterEach
    void disableBindings() {
        context.getBean(DSLContext.class).execute("UPDATE event_binding SET enabled = false WHERE enabled");
        provisioning().changed();
    }

    /** Servers, templates and bindings written straight into the database, for tests. */
    protected ProvisioningFixture provisioning() {
        return new ProvisioningFixture(context);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
    }

    @LocalServerPort
    protected int port;

    protected RestClient admin() {
        return client(TOKENS.token("cli", "admin"));
    }

    /** A client that answers every status instead of throwing, so tests assert on it. */
    protected RestClient client(String token) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }
}
