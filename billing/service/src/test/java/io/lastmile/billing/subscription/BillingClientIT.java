package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.BillingClient;
import io.lastmile.billing.api.NewUserService;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The published client (what cabinet and fiscal use) against the real billing API. */
class BillingClientIT extends ScenarioTestBase {

    @Test
    void ordersReadsForecastsAndStopsThroughTheClient() {
        Scenario s = story(MOSCOW, "2027-04-01T00:00");
        long tariff = s.tariff().create("900");
        s.pay("1000");
        BillingClient client = new BillingClient(RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBearerAuth(TOKENS.token("cabinet", "service")))
                .build());

        var ordered = client.order(s.accountId, new NewUserService(tariff), "client-order-1");
        var again = client.order(s.accountId, new NewUserService(tariff), "client-order-1");

        assertThat(ordered.service().status()).isEqualTo("ACTIVE");
        assertThat(again.replayed()).isTrue();
        assertThat(again.service().id()).isEqualTo(ordered.service().id());
        assertThat(client.services(s.accountId))
                .extracting(v -> v.id())
                .containsExactly(ordered.service().id());
        assertThat(client.catalogService(tariff).name())
                .isEqualTo(ordered.service().serviceName());
        // the May period (900) is the only charge in the next 31 days; the balance of 100 covers part
        var forecast = client.forecast(s.accountId, 31);
        assertThat(forecast.total()).isEqualByComparingTo("900");
        assertThat(forecast.toPay()).isEqualByComparingTo("800");

        s.at("2027-04-03T00:00");
        var stopped = client.act(ordered.service().id(), "stop");

        assertThat(stopped.service().status()).isEqualTo("REMOVED");
        assertThat(client.userService(ordered.service().id()).status()).isEqualTo("REMOVED");
        assertThat(s.ledger()).containsExactly("PAYMENT 1000", "CHARGE -900", "REFUND 840");
    }
}
