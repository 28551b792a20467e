package io.lastmile.billing.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.TestTokens;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** billing's account API over real HTTP, behind its real resource-server chain, on real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class AccountApiIT {

    static final TestTokens TOKENS = TestTokens.generate();

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

    @LocalServerPort
    int port;

    private RestClient client(String token) {
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

    @Test
    void opensAnAccountAndReadsItBack() {
        RestClient admin = client(TOKENS.token("cli", "admin"));

        AccountView opened = admin.post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("A-1001", "Ivan Petrov", "RUB"))
                .retrieve()
                .body(AccountView.class);
        AccountView read =
                admin.get().uri("/api/v1/accounts/{id}", opened.id()).retrieve().body(AccountView.class);

        assertThat(read).isEqualTo(opened);
        assertThat(read.contract()).isEqualTo("A-1001");
        assertThat(read.balance()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void refusesASecondAccountWithTheSameContract() {
        RestClient service = client(TOKENS.token("cabinet", "service"));
        service.post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("A-2002", "One", "RUB"))
                .retrieve()
                .toBodilessEntity();

        ResponseEntity<String> second = service.post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("A-2002", "Two", "RUB"))
                .retrieve()
                .toEntity(String.class);

        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getBody()).contains("A-2002");
    }

    @Test
    void answersNotFoundAsAProblem() {
        ResponseEntity<String> missing = client(TOKENS.token("cli", "admin"))
                .get()
                .uri("/api/v1/accounts/999999")
                .retrieve()
                .toEntity(String.class);

        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getHeaders().getContentType().toString()).contains("problem+json");
    }

    @Test
    void refusesCallsWithoutAValidToken() {
        assertThat(status(client(null))).isEqualTo(401);
        assertThat(status(client(TOKENS.expiredToken("cli", "admin")))).isEqualTo(401);
        assertThat(status(client(TestTokens.generate().token("cli", "admin")))).isEqualTo(401);
        assertThat(status(client(TOKENS.token("someone"))))
                .as("a valid token without a role the API accepts")
                .isEqualTo(403);
    }

    @Test
    void leavesHealthOpenAndTheApiClosed() {
        assertThat(client(null)
                        .get()
                        .uri("/actuator/health")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    private static int status(RestClient client) {
        return client.get()
                .uri("/api/v1/accounts/1")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }
}
