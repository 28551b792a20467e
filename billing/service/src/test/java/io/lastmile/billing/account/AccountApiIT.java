package io.lastmile.billing.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.testkit.TestTokens;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** billing's account API over real HTTP, behind its real resource-server chain, on real PostgreSQL. */
class AccountApiIT extends BillingApiTestBase {

    @Test
    void opensAnAccountAndReadsItBack() {
        RestClient admin = admin();

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
        ResponseEntity<String> missing =
                admin().get().uri("/api/v1/accounts/999999").retrieve().toEntity(String.class);

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
