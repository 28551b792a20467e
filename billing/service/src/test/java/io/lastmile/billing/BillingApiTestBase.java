package io.lastmile.billing;

import io.lastmile.billing.catalog.Tariff;
import io.lastmile.billing.subscription.Provisioning;
import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.TestTokens;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
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
            // the secret key of test apps stays in the build directory, not in var/ of the module
            "lastmile.billing.secrets.key-file=target/test-secret.key"
        })
public abstract class BillingApiTestBase {

    protected static final TestTokens TOKENS = TestTokens.generate();

    /** Services in this category fail provisioning in tests. */
    protected static final String BROKEN_CATEGORY = "broken";
    /** Nothing is bound to this category: events that change no status are not written for it. */
    protected static final String QUIET_CATEGORY = "quiet";

    @TestConfiguration
    static class Tokens {
        @Bean
        JwtDecoder jwtDecoder() {
            return TOKENS.decoder();
        }

        /**
         * Provisioning that fails for services of the category 'broken', so tests reach ERROR, and
         * that has nothing bound to the category 'quiet', as an appliance with no commands.
         */
        @Bean
        @Primary
        Provisioning failingForBrokenCategory() {
            return new Provisioning() {
                @Override
                public Outcome provision(long userServiceId, Tariff tariff, String event) {
                    return tariff.category().equals(BROKEN_CATEGORY) ? Outcome.FAILED : Outcome.DONE;
                }

                @Override
                public boolean listens(String event, String category) {
                    return !category.equals(QUIET_CATEGORY);
                }
            };
        }
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
