package io.lastmile.auth.subscriber;

import io.lastmile.platform.security.PeerClients;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Raises account events in billing ({@code POST /api/v1/accounts/{id}/events}), whose bindings
 * send the subscriber a mail or an SMS. Called with auth's own service token.
 */
@Component
class BillingEvents {

    /** Billing's custom event names are upper case (its EventNames rule). */
    static final String PASSWORD_RESET = "PASSWORD_RESET";

    /** Billing is asked while the reset's transaction is open: never wait long for it. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectProvider<PeerClients> peers;
    private final SubscriberProperties properties;
    private final JdkClientHttpRequestFactory requestFactory;

    BillingEvents(ObjectProvider<PeerClients> peers, SubscriberProperties properties) {
        this.peers = peers;
        this.properties = properties;
        this.requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        this.requestFactory.setReadTimeout(READ_TIMEOUT);
    }

    void raise(long accountId, String event, String detail, Map<String, Object> payload) {
        if (properties.billingUrl() == null || properties.billingUrl().isBlank()) {
            throw new BillingUnavailableException(
                    "lastmile.auth.subscribers.billing-url is not set: auth cannot ask billing"
                            + " to send the reset link");
        }
        try {
            peers.getObject()
                    .forBaseUrl(properties.billingUrl())
                    .mutate()
                    .requestFactory(requestFactory)
                    .build()
                    .post()
                    .uri("/api/v1/accounts/{id}/events", accountId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("event", event, "detail", detail, "payload", payload))
                    .retrieve()
                    .toBodilessEntity();
        } catch (RestClientException | IllegalStateException e) {
            throw new BillingUnavailableException(
                    "billing did not take the " + event + " event of account " + accountId + " (" + e.getMessage()
                            + "): try again later",
                    e);
        }
    }

    /** Billing could not be reached or refused the event; answered as 502. */
    static class BillingUnavailableException extends RuntimeException {
        BillingUnavailableException(String message) {
            super(message);
        }

        BillingUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
