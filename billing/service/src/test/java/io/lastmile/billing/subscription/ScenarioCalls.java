package io.lastmile.billing.subscription;

import io.lastmile.billing.api.NewPromisedPayment;
import io.lastmile.billing.api.ServiceActionResult;
import io.lastmile.billing.api.UserServiceEventView;
import io.lastmile.billing.api.UserServiceView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * What the scenario tests need beyond {@link Scenario}: orders with an Idempotency-Key or as a dry
 * run, refused calls with their status, a service's history, and expected ledger lines written
 * compactly.
 */
final class ScenarioCalls {

    private ScenarioCalls() {}

    /** Orders one of {@code serviceId}; {@code key} may be null. */
    static ResponseEntity<ServiceActionResult> order(
            RestClient api, Scenario s, long serviceId, String key, boolean dryRun) {
        var request = api.post()
                .uri("/api/v1/accounts/{id}/services?dryRun={dry}", s.accountId, dryRun)
                .body(Map.of("serviceId", serviceId, "quantity", 1));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.retrieve().toEntity(ServiceActionResult.class);
    }

    /** As {@link #order}, for answers that are problems rather than results. */
    static ResponseEntity<String> tryOrder(RestClient api, Scenario s, long serviceId, String key) {
        return api.post()
                .uri("/api/v1/accounts/{id}/services", s.accountId)
                .header("Idempotency-Key", key)
                .body(Map.of("serviceId", serviceId, "quantity", 1))
                .retrieve()
                .toEntity(String.class);
    }

    static ResponseEntity<String> tryPromise(RestClient api, Scenario s, String amount, int days) {
        return api.post()
                .uri("/api/v1/accounts/{id}/promised-payment", s.accountId)
                .body(new NewPromisedPayment(new BigDecimal(amount), days))
                .retrieve()
                .toEntity(String.class);
    }

    static List<UserServiceView> services(RestClient api, Scenario s) {
        return Arrays.asList(api.get()
                .uri("/api/v1/accounts/{id}/services", s.accountId)
                .retrieve()
                .body(UserServiceView[].class));
    }

    static List<UserServiceEventView> history(RestClient api, long userServiceId) {
        return Arrays.asList(api.get()
                .uri("/api/v1/user-services/{id}/history", userServiceId)
                .retrieve()
                .body(UserServiceEventView[].class));
    }

    /** The given lines, then one "CHARGE -x" line per amount in {@code amounts} (space separated). */
    static List<String> withCharges(List<String> before, String amounts) {
        List<String> lines = new ArrayList<>(before);
        for (String amount : amounts.trim().split("\\s+")) {
            lines.add("CHARGE -" + new BigDecimal(amount).stripTrailingZeros().toPlainString());
        }
        return lines;
    }

    /** {@code amounts} repeated {@code times} times, for daily charges that repeat. */
    static String repeat(String amounts, int times) {
        return (amounts.trim() + " ").repeat(times).trim();
    }

    /** The ledger lines of a result (what an action booked, or would have booked). */
    static List<String> lines(ServiceActionResult result) {
        return result.entries().stream()
                .map(e -> e.kind() + " " + e.amount().stripTrailingZeros().toPlainString())
                .toList();
    }
}
