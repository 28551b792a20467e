package io.lastmile.billing.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewPayment;
import io.lastmile.billing.api.NewService;
import io.lastmile.billing.api.NewUserService;
import io.lastmile.billing.api.ServiceActionResult;
import io.lastmile.billing.api.ServiceView;
import io.lastmile.billing.provisioning.template.ServiceStore;
import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Permissions;
import io.lastmile.testkit.RoleMatrix;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Every route a subscriber may call (those declaring `self`, read from billing's request
 * mappings), called with a subscriber token of account A: with A's ids it answers A's data, with
 * account B's ids 404 and nothing of B.
 */
class SubscriberScopeIT extends BillingApiTestBase {

    private static final String STORED = "wg0.conf";

    @Autowired
    ServiceStore store;

    private static Owner a;
    private static Owner b;
    private static List<ApiRoutes.Route> selfRoutes;

    /** An account with a paid balance, one service and a value stored for it. */
    record Owner(long account, String contract, String name, long userService, String secret) {
        Map<String, String> variables(ApiRoutes.Route route) {
            if (route.pattern().startsWith("/api/v1/accounts/{id}")) {
                return Map.of("id", Long.toString(account));
            }
            if (route.pattern().startsWith("/api/v1/user-services/{id}")) {
                return Map.of("id", Long.toString(userService), "name", STORED);
            }
            throw new AssertionError(route + " lets subscribers in: tell this test which ids it takes");
        }
    }

    // once per class; not @BeforeAll, which would run before PostgresExtension gave the class its database
    @BeforeEach
    void twoSubscribers() {
        if (selfRoutes != null) {
            return;
        }
        selfRoutes = ApiRoutes.of(context).stream()
                .filter(r -> r.permissions().contains(Permissions.SELF))
                .toList();
        a = owner("A");
        b = owner("B");
    }

    @Test
    void findsTheRoutesASubscriberUses() {
        assertThat(selfRoutes).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void answersAnotherAccountsDataAsNotFound() {
        String token = TOKENS.subscriber(a.account());
        for (ApiRoutes.Route route : selfRoutes) {
            ResponseEntity<String> answer = get(token, route, b);

            assertThat(answer.getStatusCode().value())
                    .as("%s with B's ids", route)
                    .isEqualTo(404);
            assertThat(answer.getBody())
                    .as("%s with B's ids", route)
                    .doesNotContain(b.contract())
                    .doesNotContain(b.name())
                    .doesNotContain(b.secret());
        }
    }

    @Test
    void answersTheSubscribersOwnData() {
        String token = TOKENS.subscriber(a.account());
        for (ApiRoutes.Route route : selfRoutes) {
            ResponseEntity<String> answer = get(token, route, a);

            assertThat(answer.getStatusCode().value())
                    .as("%s with A's ids", route)
                    .isEqualTo(200);
            assertThat(answer.getBody()).as("%s with A's ids", route).isNotBlank();
        }
        assertThat(get(token, "/api/v1/accounts/{id}", a).getBody()).contains(a.contract());
        assertThat(get(token, "/api/v1/user-services/{id}/storage/{name}", a).getBody())
                .isEqualTo(a.secret());
        assertThat(get(token, "/api/v1/accounts/{id}/ledger", a).getBody()).contains("PAYMENT");
    }

    @Test
    void answersAnAccountThatDoesNotExistAlike() {
        String token = TOKENS.subscriber(a.account());
        ResponseEntity<String> other = client(token)
                .get()
                .uri("/api/v1/accounts/{id}", b.account())
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> missing = client(token)
                .get()
                .uri("/api/v1/accounts/{id}", 999_999_999L)
                .retrieve()
                .toEntity(String.class);

        assertThat(other.getStatusCode()).isEqualTo(missing.getStatusCode());
        assertThat(other.getBody()).isEqualTo(missing.getBody().replace("999999999", Long.toString(b.account())));
    }

    @Test
    void letsOperatorsWithThePermissionReadEveryAccount() {
        for (String token : List.of(TOKENS.support(), TOKENS.readonly(), TOKENS.service("cabinet"))) {
            for (ApiRoutes.Route route : selfRoutes) {
                assertThat(get(token, route, b).getStatusCode().value())
                        .as("%s with B's ids", route)
                        .isEqualTo(200);
            }
        }
    }

    private ResponseEntity<String> get(String token, String pattern, Owner owner) {
        return get(
                token,
                selfRoutes.stream()
                        .filter(r -> r.pattern().equals(pattern))
                        .findFirst()
                        .orElseThrow(),
                owner);
    }

    private ResponseEntity<String> get(String token, ApiRoutes.Route route, Owner owner) {
        assertThat(route.method()).as("subscribers only read").isEqualTo("GET");
        return client(token)
                .get()
                .uri(RoleMatrix.expand(route.pattern(), owner.variables(route)))
                .retrieve()
                .toEntity(String.class);
    }

    private Owner owner(String label) {
        String contract = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "Subscriber " + label + " " + UUID.randomUUID();
        AccountView account = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(contract, name, "RUB"))
                .retrieve()
                .body(AccountView.class);
        admin().post()
                .uri("/api/v1/accounts/{id}/payments", account.id())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(new NewPayment(new BigDecimal("500.00"), "RUB", "cash", null))
                .retrieve()
                .toBodilessEntity();
        ServiceView tariff = admin().post()
                .uri("/api/v1/catalog/services")
                .body(new NewService("VPN " + UUID.randomUUID(), "vpn", BigDecimal.ZERO, "P1M", "PERIOD"))
                .retrieve()
                .body(ServiceView.class);
        ServiceActionResult order = admin().post()
                .uri("/api/v1/accounts/{id}/services", account.id())
                .body(new NewUserService(tariff.id()))
                .retrieve()
                .body(ServiceActionResult.class);
        String secret = "secret-of-" + label + "-" + UUID.randomUUID();
        store.write(order.service().id(), STORED, secret);
        return new Owner(account.id(), contract, name, order.service().id(), secret);
    }
}
