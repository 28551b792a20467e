package io.lastmile.billing.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.testkit.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens auth did not issue, or not for us, or no longer valid, are refused before any permission check. */
class ForgedTokenIT extends BillingApiTestBase {

    @ParameterizedTest
    @EnumSource(TestTokens.Forgery.class)
    void refusesAForgedToken(TestTokens.Forgery forgery) {
        long id = account();

        var answer = client(TOKENS.forged(forgery))
                .get()
                .uri("/api/v1/accounts/{id}", id)
                .retrieve()
                .toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getBody()).as("nothing of the account").isNullOrEmpty();
    }

    @Test
    void acceptsTheGenuineTokenTheForgeriesAreMadeFrom() {
        long id = account();

        assertThat(client(TOKENS.admin())
                        .get()
                        .uri("/api/v1/accounts/{id}", id)
                        .retrieve()
                        .toEntity(AccountView.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    private long account() {
        return admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(null, "Forged " + UUID.randomUUID(), "RUB"))
                .retrieve()
                .body(AccountView.class)
                .id();
    }
}
