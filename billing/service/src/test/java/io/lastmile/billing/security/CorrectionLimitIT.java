package io.lastmile.billing.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountPatch;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewBonus;
import io.lastmile.billing.api.NewCorrection;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a seeded role's permissions let it do beyond the route check: a cashier's limit, support's blocks. */
class CorrectionLimitIT extends BillingApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void refusesACashiersCorrectionAboveTheLimitAndBooksNothing() {
        long id = account();

        ResponseEntity<String> refused = correct(TOKENS.cashier(), id, "5000.01");

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getHeaders().getContentType().toString()).contains("problem+json");
        JsonNode problem = JSON.readTree(refused.getBody());
        assertThat(problem.path("detail").asString()).contains("5000.01").contains("limit of 5000.00");
        assertThat(problem.path("limit").asString()).isEqualTo("5000.00");
        assertThat(entries(id)).isEmpty();
    }

    @Test
    void refusesATakingCorrectionAboveTheLimitToo() {
        long id = account();

        assertThat(correct(TOKENS.cashier(), id, "-5000.01").getStatusCode().value())
                .isEqualTo(403);
        assertThat(entries(id)).isEmpty();
    }

    @Test
    void booksACashiersCorrectionUpToTheLimit() {
        long id = account();

        assertThat(correct(TOKENS.cashier(), id, "5000.00").getStatusCode().value())
                .isEqualTo(201);
        assertThat(correct(TOKENS.cashier(), id, "-5000").getStatusCode().value())
                .isEqualTo(201);
        assertThat(entries(id)).hasSize(2);
    }

    @Test
    void booksAnAdminsCorrectionOfAnySize() {
        long id = account();

        assertThat(correct(TOKENS.admin(), id, "250000.00").getStatusCode().value())
                .isEqualTo(201);
        assertThat(entries(id)).hasSize(1);
    }

    @Test
    void refusesACashiersBonusAboveTheLimit() {
        long id = account();

        ResponseEntity<String> refused = client(TOKENS.cashier())
                .post()
                .uri("/api/v1/accounts/{id}/bonuses", id)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(new NewBonus(new BigDecimal("9000"), "apology"))
                .retrieve()
                .toEntity(String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody()).contains("5000.00");
    }

    @Test
    void letsSupportBlockAndUnblockAnAccountButChangeNothingElse() {
        long id = account();
        var support = client(TOKENS.support());

        ResponseEntity<AccountView> blocked = support.patch()
                .uri("/api/v1/accounts/{id}", id)
                .body(patch(null, "BLOCKED"))
                .retrieve()
                .toEntity(AccountView.class);
        ResponseEntity<String> renamed = support.patch()
                .uri("/api/v1/accounts/{id}", id)
                .body(patch("Someone Else", null))
                .retrieve()
                .toEntity(String.class);

        assertThat(blocked.getStatusCode().value()).isEqualTo(200);
        assertThat(blocked.getBody().status()).isEqualTo("BLOCKED");
        assertThat(renamed.getStatusCode().value()).isEqualTo(403);
        assertThat(renamed.getBody()).contains("accounts.write");
        AccountView after =
                admin().get().uri("/api/v1/accounts/{id}", id).retrieve().body(AccountView.class);
        assertThat(after.name()).startsWith("Limits ");
        assertThat(support.patch()
                        .uri("/api/v1/accounts/{id}", id)
                        .body(patch(null, "ACTIVE"))
                        .retrieve()
                        .body(AccountView.class)
                        .status())
                .isEqualTo("ACTIVE");
    }

    private static AccountPatch patch(String name, String status) {
        return new AccountPatch(null, name, null, null, null, null, null, null, null, null, status, null);
    }

    private ResponseEntity<String> correct(String token, long id, String amount) {
        return client(token)
                .post()
                .uri("/api/v1/accounts/{id}/corrections", id)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(new NewCorrection(new BigDecimal(amount), "RUB", null, "counted twice"))
                .retrieve()
                .toEntity(String.class);
    }

    private List<LedgerEntryView> entries(long id) {
        return admin().get()
                .uri("/api/v1/accounts/{id}/ledger", id)
                .retrieve()
                .body(new ParameterizedTypeReference<List<LedgerEntryView>>() {});
    }

    private long account() {
        return admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(null, "Limits " + UUID.randomUUID(), "RUB"))
                .retrieve()
                .body(AccountView.class)
                .id();
    }
}
