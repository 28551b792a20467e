package io.lastmile.cabinet.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.BillingClient;
import io.lastmile.cabinet.CabinetApplication;
import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Roles;
import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.RoleMatrix;
import io.lastmile.testkit.TestTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * cabinet's /api routes behind the real resource-server chain: the role matrix over its request
 * mappings, and a subscriber kept to their own account (billing, behind {@link BillingPeer}, is a
 * mock that knows accounts A and B).
 */
@ExtendWith(PostgresExtension.class)
@Import(CabinetSecurityIT.Tokens.class)
@SpringBootTest(
        classes = CabinetApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "lastmile.platform.registry.url=http://127.0.0.1:1"})
class CabinetSecurityIT {

    static final TestTokens TOKENS = TestTokens.generate();
    static final long A = 101;
    static final long B = 202;

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
    ApplicationContext context;

    @LocalServerPort
    int port;

    @MockitoBean
    BillingPeer billing;

    private final BillingClient client = mock(BillingClient.class);

    @BeforeEach
    void billingKnowsAAndB() {
        when(billing.client()).thenReturn(client);
        when(client.account(anyLong())).thenReturn(Optional.empty());
        when(client.account(A)).thenReturn(Optional.of(account(A, "Anna Subscriber")));
        when(client.account(B)).thenReturn(Optional.of(account(B, "Boris Neighbour")));
    }

    @Test
    void answersEveryRouteAsItsPermissionsSay() {
        List<ApiRoutes.Route> routes = ApiRoutes.of(context);

        List<RoleMatrix.Call> calls = new RoleMatrix("http://127.0.0.1:" + port, TOKENS, A)
                .variables(route -> Map.of("id", Long.toString(A)))
                .run(routes);

        assertThat(routes).extracting(ApiRoutes.Route::toString).containsExactly("GET /api/v1/accounts/{id}/overview");
        assertThat(RoleMatrix.violations(calls)).isEmpty();
        assertThat(calls).filteredOn(RoleMatrix.Call::allowed).isNotEmpty().allMatch(c -> c.status() == 200);
        assertThat(RoleMatrix.rolesAllowed(routes.getFirst()))
                .containsExactlyInAnyOrder(
                        Roles.ADMIN, Roles.CASHIER, Roles.SUPPORT, Roles.READ_ONLY, Roles.SERVICE, Roles.SUBSCRIBER);
    }

    @Test
    void showsASubscriberTheirOwnOverview() throws Exception {
        HttpResponse<String> own = get(TOKENS.subscriber(A), A);

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("Anna Subscriber");
    }

    @Test
    void answersAnotherAccountsOverviewAsNotFoundWithoutAskingBilling() throws Exception {
        HttpResponse<String> other = get(TOKENS.subscriber(A), B);
        HttpResponse<String> missing = get(TOKENS.admin(), 999);

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("Boris").contains("no account with id " + B);
        assertThat(missing.statusCode()).isEqualTo(404);
        verify(client, never()).account(B);
    }

    @Test
    void showsAnOperatorAnyAccount() throws Exception {
        assertThat(get(TOKENS.support(), B).body()).contains("Boris Neighbour");
    }

    private HttpResponse<String> get(String token, long account) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/api/v1/accounts/" + account + "/overview"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static AccountView account(long id, String name) {
        return new AccountView(
                id,
                "C-" + id,
                name,
                "PERSON",
                null,
                null,
                null,
                null,
                "UTC",
                "RUB",
                BigDecimal.TEN,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                "ACTIVE",
                Map.of(),
                Instant.EPOCH,
                Instant.EPOCH);
    }
}
