package io.lastmile.billing.api;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** billing's API for other modules; the RestClient carries the caller's service token. */
public class BillingClient {

    private final RestClient billing;

    public BillingClient(RestClient billing) {
        this.billing = billing;
    }

    public Optional<AccountView> account(long id) {
        try {
            return Optional.ofNullable(
                    billing.get().uri("/api/v1/accounts/{id}", id).retrieve().body(AccountView.class));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public AccountView open(NewAccount account) {
        return billing.post().uri("/api/v1/accounts").body(account).retrieve().body(AccountView.class);
    }

    /** Books a payment once per key; a replay of the key returns the first result. */
    public PostingResult pay(long accountId, NewPayment payment, String idempotencyKey) {
        return billing.post()
                .uri("/api/v1/accounts/{id}/payments", accountId)
                .header("Idempotency-Key", idempotencyKey)
                .body(payment)
                .retrieve()
                .body(PostingResult.class);
    }

    public java.util.List<LedgerEntryView> ledger(long accountId) {
        return java.util.Arrays.asList(billing.get()
                .uri("/api/v1/accounts/{id}/ledger", accountId)
                .retrieve()
                .body(LedgerEntryView[].class));
    }
}
