package io.lastmile.billing.traffic;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.traffic.NewAddress;
import io.lastmile.billing.api.traffic.TrafficBatch;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Accounts, addresses and batches over billing's real API, for the traffic tests. */
abstract class TrafficTestBase extends BillingApiTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    long account(String label) {
        return account(label, null);
    }

    long account(String label, String timeZone) {
        NewAccount account = new NewAccount(
                label + "-" + UUID.randomUUID().toString().substring(0, 8),
                "Traffic " + label,
                null,
                null,
                null,
                null,
                null,
                timeZone,
                "RUB",
                null,
                null,
                null);
        return admin().post()
                .uri("/api/v1/accounts")
                .body(account)
                .retrieve()
                .body(AccountView.class)
                .id();
    }

    ResponseEntity<String> addAddress(long account, String prefix) {
        return admin().post()
                .uri("/api/v1/accounts/{id}/addresses", account)
                .body(new NewAddress(prefix, null))
                .retrieve()
                .toEntity(String.class);
    }

    ResponseEntity<String> post(TrafficBatch batch) {
        return client(TOKENS.service("collector"))
                .post()
                .uri("/api/v1/traffic/batches")
                .body(batch)
                .retrieve()
                .toEntity(String.class);
    }

    ResponseEntity<String> postJson(String body) {
        return client(TOKENS.service("collector"))
                .post()
                .uri("/api/v1/traffic/batches")
                .header("Content-Type", "application/json")
                .body(body)
                .retrieve()
                .toEntity(String.class);
    }

    ResponseEntity<String> map(String ifNoneMatch) {
        return client(TOKENS.service("collector"))
                .get()
                .uri("/api/v1/traffic/map")
                .headers(h -> {
                    if (ifNoneMatch != null) {
                        h.setIfNoneMatch(ifNoneMatch);
                    }
                })
                .retrieve()
                .toEntity(String.class);
    }

    static JsonNode json(ResponseEntity<String> answer) {
        return JSON.readTree(answer.getBody());
    }

    /** The billing clock's current minute (tests may have moved the test clock). */
    Instant thisMinute() {
        return context.getBean(Clock.class).instant().truncatedTo(ChronoUnit.MINUTES);
    }

    DSLContext db() {
        return context.getBean(DSLContext.class);
    }
}
