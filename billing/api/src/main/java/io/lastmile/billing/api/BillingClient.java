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

    /** The account with this contract number, exactly; empty when there is none. */
    public Optional<AccountView> byContract(String contract) {
        Page<AccountView> page = billing.get()
                .uri(u -> u.path("/api/v1/accounts")
                        .queryParam("contract", contract)
                        .build())
                .retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<Page<AccountView>>() {});
        return page == null || page.items() == null
                ? Optional.empty()
                : page.items().stream()
                        .filter(a -> contract.equals(a.contract()))
                        .findFirst();
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

    /** Books many payments in one request; each once per its own key (see {@link PaymentBatch}). */
    public PaymentBatchResult payAll(PaymentBatch batch) {
        return billing.post()
                .uri("/api/v1/payments/batch")
                .body(batch)
                .retrieve()
                .body(PaymentBatchResult.class);
    }

    /**
     * Takes money returned to the payer off the balance, as a PAYMENT_REFUND of the payment entry
     * {@code paymentEntryId}; once per key, a replay of the key returns the first result. Refused
     * (422) when it would refund more than is left of the payment.
     */
    public PostingResult refundPayment(
            long accountId, long paymentEntryId, NewPaymentRefund refund, String idempotencyKey) {
        return billing.post()
                .uri("/api/v1/accounts/{id}/payments/{entryId}/refunds", accountId, paymentEntryId)
                .header("Idempotency-Key", idempotencyKey)
                .body(refund)
                .retrieve()
                .body(PostingResult.class);
    }

    public java.util.List<LedgerEntryView> ledger(long accountId) {
        return java.util.Arrays.asList(billing.get()
                .uri("/api/v1/accounts/{id}/ledger", accountId)
                .retrieve()
                .body(LedgerEntryView[].class));
    }

    /** Orders a catalog service; the key makes a retried order return the first one. */
    public ServiceActionResult order(long accountId, NewUserService order, String idempotencyKey) {
        return billing.post()
                .uri("/api/v1/accounts/{id}/services", accountId)
                .header("Idempotency-Key", idempotencyKey)
                .body(order)
                .retrieve()
                .body(ServiceActionResult.class);
    }

    public java.util.List<UserServiceView> services(long accountId) {
        return java.util.Arrays.asList(billing.get()
                .uri("/api/v1/accounts/{id}/services", accountId)
                .retrieve()
                .body(UserServiceView[].class));
    }

    public UserServiceView userService(long userServiceId) {
        return billing.get()
                .uri("/api/v1/user-services/{id}", userServiceId)
                .retrieve()
                .body(UserServiceView.class);
    }

    /** stop, block, activate or skip a user service. */
    public ServiceActionResult act(long userServiceId, String action) {
        return billing.post()
                .uri("/api/v1/user-services/{id}/{action}", userServiceId, action)
                .retrieve()
                .body(ServiceActionResult.class);
    }

    /** What the account must pay in the next {@code days} days to keep every service running. */
    public Forecast forecast(long accountId, int days) {
        return billing.get()
                .uri("/api/v1/accounts/{id}/forecast?days={days}", accountId, days)
                .retrieve()
                .body(Forecast.class);
    }

    public ServiceView catalogService(long serviceId) {
        return billing.get()
                .uri("/api/v1/catalog/services/{id}", serviceId)
                .retrieve()
                .body(ServiceView.class);
    }
}
