package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.AccountPatch;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.ClockMove;
import io.lastmile.billing.api.ClockView;
import io.lastmile.billing.api.Forecast;
import io.lastmile.billing.api.FreezeRequest;
import io.lastmile.billing.api.LedgerCheck;
import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewBonus;
import io.lastmile.billing.api.NewPayment;
import io.lastmile.billing.api.NewPromisedPayment;
import io.lastmile.billing.api.PaymentBatch;
import io.lastmile.billing.api.PaymentBatchResult;
import io.lastmile.billing.api.ServiceActionResult;
import io.lastmile.billing.api.TariffChange;
import io.lastmile.billing.api.UserServiceView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * One subscriber's story told through the real API: an account in a time zone, payments, orders,
 * actions and moves of the test clock; then its ledger lines ("CHARGE -900") and statuses.
 */
final class Scenario {

    private final RestClient api;
    private final DSLContext db;
    private final ZoneId zone;
    final long accountId;

    Scenario(RestClient api, DSLContext db, String zone, String startLocal) {
        this(api, db, zone, startLocal, null, null);
    }

    Scenario(RestClient api, DSLContext db, String zone, String startLocal, String discount, String creditLimit) {
        this.api = api;
        this.db = db;
        this.zone = ZoneId.of(zone);
        at(startLocal);
        AccountView account = api.post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(
                        null,
                        "Scenario " + UUID.randomUUID(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        zone,
                        "RUB",
                        discount == null ? null : new BigDecimal(discount),
                        creditLimit == null ? null : new BigDecimal(creditLimit),
                        null))
                .retrieve()
                .body(AccountView.class);
        this.accountId = account.id();
    }

    TariffFixture tariff() {
        return new TariffFixture(db);
    }

    /** A new price version of a service, in force from a local time. */
    void newPrice(long serviceId, int version, String price, String fromLocal) {
        TariffFixture.addPrice(db, serviceId, version, price, instant(fromLocal));
    }

    Instant instant(String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    /** Sets the test clock to a local time; returns when the billing clock has settled. */
    Scenario at(String local) {
        api.post()
                .uri("/api/v1/test/clock")
                .body(new ClockMove(instant(local), null))
                .retrieve()
                .body(ClockView.class);
        return this;
    }

    Scenario advance(String iso) {
        api.post()
                .uri("/api/v1/test/clock")
                .body(new ClockMove(null, iso))
                .retrieve()
                .body(ClockView.class);
        return this;
    }

    Scenario pay(String amount) {
        api.post()
                .uri("/api/v1/accounts/{id}/payments", accountId)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(new NewPayment(new BigDecimal(amount), "RUB", "cash", null))
                .retrieve()
                .toBodilessEntity();
        return this;
    }

    /** A payment through {@code POST /api/v1/payments/batch}, as fiscal's outbox sends them. */
    Scenario payInBatch(String amount) {
        PaymentBatchResult result = api.post()
                .uri("/api/v1/payments/batch")
                .body(new PaymentBatch(List.of(new PaymentBatch.Item(
                        accountId,
                        UUID.randomUUID().toString(),
                        new NewPayment(new BigDecimal(amount), "RUB", "cloudpayments", null)))))
                .retrieve()
                .body(PaymentBatchResult.class);
        if (result.results().getFirst().status() != 201) {
            throw new AssertionError("batch payment not booked: " + result);
        }
        return this;
    }

    Scenario bonus(String amount) {
        api.post()
                .uri("/api/v1/accounts/{id}/bonuses", accountId)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(new NewBonus(new BigDecimal(amount), "promotion"))
                .retrieve()
                .toBodilessEntity();
        return this;
    }

    Scenario patch(AccountPatch patch) {
        api.patch()
                .uri("/api/v1/accounts/{id}", accountId)
                .body(patch)
                .retrieve()
                .toBodilessEntity();
        return this;
    }

    long order(long serviceId) {
        return order(serviceId, 1);
    }

    long order(long serviceId, int quantity) {
        ServiceActionResult result = api.post()
                .uri("/api/v1/accounts/{id}/services", accountId)
                .body(Map.of("serviceId", serviceId, "quantity", quantity))
                .retrieve()
                .body(ServiceActionResult.class);
        return result.service().id();
    }

    ServiceActionResult act(long userServiceId, String action) {
        return api.post()
                .uri("/api/v1/user-services/{id}/" + action, userServiceId)
                .retrieve()
                .body(ServiceActionResult.class);
    }

    ResponseEntity<String> tryAct(long userServiceId, String action, Object body) {
        var request = api.post().uri("/api/v1/user-services/{id}/" + action, userServiceId);
        if (body != null) {
            request.body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    ServiceActionResult freeze(long userServiceId, int days) {
        return api.post()
                .uri("/api/v1/user-services/{id}/freeze", userServiceId)
                .body(new FreezeRequest(days))
                .retrieve()
                .body(ServiceActionResult.class);
    }

    ServiceActionResult change(long userServiceId, long serviceId) {
        return api.post()
                .uri("/api/v1/user-services/{id}/change", userServiceId)
                .body(new TariffChange(serviceId))
                .retrieve()
                .body(ServiceActionResult.class);
    }

    Scenario promise(String amount, int days) {
        api.post()
                .uri("/api/v1/accounts/{id}/promised-payment", accountId)
                .body(new NewPromisedPayment(new BigDecimal(amount), days))
                .retrieve()
                .toBodilessEntity();
        return this;
    }

    Forecast forecast(int days) {
        return api.get()
                .uri("/api/v1/accounts/{id}/forecast?days={d}", accountId, days)
                .retrieve()
                .body(Forecast.class);
    }

    UserServiceView service(long userServiceId) {
        return api.get()
                .uri("/api/v1/user-services/{id}", userServiceId)
                .retrieve()
                .body(UserServiceView.class);
    }

    String status(long userServiceId) {
        UserServiceView s = service(userServiceId);
        return s.blockReason() == null ? s.status() : s.status() + "/" + s.blockReason();
    }

    AccountView account() {
        return api.get().uri("/api/v1/accounts/{id}", accountId).retrieve().body(AccountView.class);
    }

    BigDecimal balance() {
        return account().balance();
    }

    List<LedgerEntryView> entries() {
        return Arrays.stream(api.get()
                        .uri("/api/v1/accounts/{id}/ledger?limit=1000", accountId)
                        .retrieve()
                        .body(LedgerEntryView[].class))
                .sorted(Comparator.comparing(LedgerEntryView::id))
                .toList();
    }

    /** The ledger as "KIND amount" lines, oldest first. */
    List<String> ledger() {
        return entries().stream()
                .map(e -> e.kind() + " " + e.amount().stripTrailingZeros().toPlainString())
                .toList();
    }

    /** The balance equals the ledger's sum, by our own sum and by the ledger check API. */
    void assertBooksBalance() {
        BigDecimal sum = entries().stream()
                .filter(e -> !e.kind().startsWith("BONUS"))
                .map(LedgerEntryView::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(balance()).isEqualByComparingTo(sum);
        LedgerCheck check = api.get().uri("/api/v1/ledger/check").retrieve().body(LedgerCheck.class);
        // only this account: other test classes in the same database break balances on purpose
        assertThat(check.mismatches()).noneMatch(m -> m.accountId() == accountId);
    }
}
