package io.lastmile.testkit;

import io.lastmile.platform.security.ApiRoutes;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a module's role matrix test needs: its app on a random port (the subclass names it with
 * {@code @SpringBootTest}), real PostgreSQL, tokens of the test's own key, and its /api routes as
 * its request mappings give them.
 */
@ExtendWith(PostgresExtension.class)
@Import(RoleMatrixTestBase.Tokens.class)
public abstract class RoleMatrixTestBase {

    protected static final TestTokens TOKENS = TestTokens.generate();

    @TestConfiguration
    static class Tokens {
        @Bean
        JwtDecoder jwtDecoder() {
            return TOKENS.decoder();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
    }

    @Autowired
    protected ApplicationContext context;

    @LocalServerPort
    protected int port;

    protected List<ApiRoutes.Route> routes() {
        return ApiRoutes.of(context);
    }

    protected ApiRoutes.Route route(String route) {
        return routes().stream()
                .filter(r -> r.toString().equals(route))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + route));
    }

    /** Every route called with no token and with each seeded role's; {@code id} fills path variables. */
    protected List<RoleMatrix.Call> callEveryRoute(long id) {
        return new RoleMatrix("http://127.0.0.1:" + port, TOKENS, id).run(routes());
    }
}
