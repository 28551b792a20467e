package io.lastmile.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.LedgerCheck;
import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewCorrection;
import io.lastmile.billing.api.NewPayment;
import io.lastmile.billing.api.PostingResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

class LedgerIT extends BillingApiTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void booksAPaymentOnceAndReplaysTheKey() {
        long account = openAccount();
        String key = UUID.randomUUID().toString();

        ResponseEntity<PostingResult> first =
                pay(account, key, new NewPayment(new BigDecimal("500.00"), "RUB", "cash", "R-1"));
        ResponseEntity<PostingResult> replay =
                pay(account, key, new NewPayment(new BigDecimal("500"), "RUB", "cash", "R-1"));

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(first.getBody().entry().amount()).isEqualByComparingTo("500");
        assertThat(first.getBody().entry().balanceAfter()).isEqualByComparingTo("500");
        assertThat(first.getBody().entry().actor()).isEqualTo("fiscal");
        assertThat(replay.getStatusCode().value()).isEqualTo(200);
        assertThat(replay.getBody().replayed()).isTrue();
        assertThat(replay.getBody().entry().id())
                .isEqualTo(first.getBody().entry().id());
        assertThat(balance(account)).isEqualByComparingTo("500");
        assertThat(ledger(account)).hasSize(1);
    }

    @Test
    void refusesTheSameKeyForADifferentPayment() {
        long account = openAccount();
        String key = UUID.randomUUID().toString();
        pay(account, key, new NewPayment(new BigDecimal("100"), "RUB", "cash", null));

        ResponseEntity<String> other = admin().post()
                .uri("/api/v1/accounts/{id}/payments", account)
                .header("Idempotency-Key", key)
                .body(new NewPayment(new BigDecimal("200"), "RUB", "cash", null))
                .retrieve()
                .toEntity(String.class);

        assertThat(other.getStatusCode().value()).isEqualTo(409);
        assertThat(other.getBody()).contains(key).contains("different request");
        assertThat(balance(account)).isEqualByComparingTo("100");
    }

    @Test
    void namesEveryBadFieldAndBooksNothing() {
        long account = openAccount();

        ResponseEntity<String> noKey = admin().post()
                .uri("/api/v1/accounts/{id}/payments", account)
                .body(new NewPayment(new BigDecimal("10"), "RUB", "cash", null))
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> bad = admin().post()
                .uri("/api/v1/accounts/{id}/payments", account)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(new NewPayment(new BigDecimal("10.001"), "USD", "cash", null))
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> negative = admin().post()
                .uri("/api/v1/accounts/{id}/payments", account)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(new NewPayment(new BigDecimal("-5"), "RUB", "cash", null))
                .retrieve()
                .toEntity(String.class);

        assertThat(noKey.getStatusCode().value()).isEqualTo(400);
        assertThat(noKey.getBody()).contains("Idempotency-Key");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("\"currency\"").contains("RUB");
        assertThat(negative.getBody()).contains("\"amount\"").contains("must be positive");
        assertThat(ledger(account)).isEmpty();
        assertThat(balance(account)).isEqualByComparingTo("0");
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        long account = openAccount();

        ResponseEntity<String> bad = admin().post()
                .uri("/api/v1/accounts/{id}/payments", account)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(new NewPayment(new BigDecimal("10.001"), "RUB", "cash", null))
                .retrieve()
                .toEntity(String.class);

        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("10.001 has more decimals than RUB allows");
    }

    @Test
    void showsADryRunAndChangesNothing() {
        long account = openAccount();

        ResponseEntity<PostingResult> dry = admin().post()
                .uri("/api/v1/accounts/{id}/payments?dryRun=true", account)
                .header("Idempotency-Key", "dry-" + UUID.randomUUID())
                .body(new NewPayment(new BigDecimal("75.50"), "RUB", "card", null))
                .retrieve()
                .toEntity(PostingResult.class);

        assertThat(dry.getStatusCode().value()).isEqualTo(200);
        assertThat(dry.getBody().dryRun()).isTrue();
        assertThat(dry.getBody().entry().id()).isNull();
        assertThat(dry.getBody().entry().balanceAfter()).isEqualByComparingTo("75.50");
        assertThat(balance(account)).isEqualByComparingTo("0");
        assertThat(ledger(account)).isEmpty();
    }

    @Test
    void correctsWithAReasonLinkedToTheEntry() {
        long account = openAccount();
        long payment = pay(
                        account, "p-" + UUID.randomUUID(), new NewPayment(new BigDecimal("300"), "RUB", "cash", null))
                .getBody()
                .entry()
                .id();

        ResponseEntity<String> noReason = admin().post()
                .uri("/api/v1/accounts/{id}/corrections", account)
                .header("Idempotency-Key", "c-" + UUID.randomUUID())
                .body(new NewCorrection(new BigDecimal("-100"), "RUB", payment, " "))
                .retrieve()
                .toEntity(String.class);
        PostingResult corrected = admin().post()
                .uri("/api/v1/accounts/{id}/corrections", account)
                .header("Idempotency-Key", "c-" + UUID.randomUUID())
                .body(new NewCorrection(new BigDecimal("-100"), "RUB", payment, "cashier typed 300 for 200"))
                .retrieve()
                .body(PostingResult.class);

        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody()).contains("\"reason\"");
        assertThat(corrected.entry().kind()).isEqualTo("CORRECTION");
        assertThat(corrected.entry().correctsEntryId()).isEqualTo(payment);
        assertThat(balance(account)).isEqualByComparingTo("200");
        assertThat(ledger(account)).extracting(LedgerEntryView::kind).containsExactly("CORRECTION", "PAYMENT");
    }

    @Test
    void booksFiftyParallelDeliveriesOfOnePaymentOnce() throws Exception {
        long account = openAccount();
        String key = "osmp-" + UUID.randomUUID();
        NewPayment payment = new NewPayment(new BigDecimal("250.00"), "RUB", "osmp", "T-77");
        List<Callable<Integer>> deliveries = IntStream.range(0, 50)
                .<Callable<Integer>>mapToObj(
                        i -> () -> pay(account, key, payment).getStatusCode().value())
                .toList();

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            statuses = pool.invokeAll(deliveries).stream().map(LedgerIT::get).toList();
        }

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(ledger(account)).hasSize(1);
        assertThat(balance(account)).isEqualByComparingTo("250");
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEntry() throws SQLException {
        long account = openAccount();
        long entry = pay(account, "p-" + UUID.randomUUID(), new NewPayment(BigDecimal.TEN, "RUB", "cash", null))
                .getBody()
                .entry()
                .id();

        try (Connection c = dataSource.getConnection()) {
            assertThatThrownBy(() ->
                            c.createStatement().execute("UPDATE ledger_entry SET amount = 1000 WHERE id = " + entry))
                    .hasMessageContaining("ledger entries are never changed");
            assertThatThrownBy(() -> c.createStatement().execute("DELETE FROM ledger_entry WHERE id = " + entry))
                    .hasMessageContaining("ledger entries are never changed");
            assertThatThrownBy(() -> c.createStatement().execute("TRUNCATE ledger_entry CASCADE"))
                    .hasMessageContaining("ledger entries are never changed");
        }
        assertThat(ledger(account)).singleElement().satisfies(e -> assertThat(e.amount())
                .isEqualByComparingTo("10"));
    }

    @Test
    void theCheckFindsABalanceThatDisagreesWithItsLedger() throws SQLException {
        long honest = openAccount();
        long tampered = openAccount();
        pay(honest, "p-" + UUID.randomUUID(), new NewPayment(BigDecimal.ONE, "RUB", "cash", null));
        pay(tampered, "p-" + UUID.randomUUID(), new NewPayment(BigDecimal.ONE, "RUB", "cash", null));
        assertThat(check().mismatches())
                .extracting(LedgerCheck.Mismatch::accountId)
                .doesNotContain(honest, tampered);

        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("UPDATE account SET balance = 1000 WHERE id = " + tampered);
        }

        assertThat(check().mismatches())
                .extracting(LedgerCheck.Mismatch::accountId)
                .contains(tampered)
                .doesNotContain(honest);
    }

    @Test
    void pagesTheLedgerNewestFirst() {
        long account = openAccount();
        for (int i = 1; i <= 5; i++) {
            pay(account, "p-" + UUID.randomUUID(), new NewPayment(BigDecimal.valueOf(i), "RUB", "cash", null));
        }

        List<LedgerEntryView> page1 = ledger(account, "?limit=2");
        List<LedgerEntryView> page2 =
                ledger(account, "?limit=2&beforeId=" + page1.getLast().id());

        assertThat(page1).extracting(e -> e.amount().intValue()).containsExactly(5, 4);
        assertThat(page2).extracting(e -> e.amount().intValue()).containsExactly(3, 2);
        assertThat(page1.getFirst().balanceAfter()).isEqualByComparingTo("15");
    }

    private long openAccount() {
        return admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("L-" + UUID.randomUUID().toString().substring(0, 12), "Ledger Test", "RUB"))
                .retrieve()
                .body(AccountView.class)
                .id();
    }

    private ResponseEntity<PostingResult> pay(long account, String key, NewPayment payment) {
        return client(TOKENS.token("fiscal", "service"))
                .post()
                .uri("/api/v1/accounts/{id}/payments", account)
                .header("Idempotency-Key", key)
                .body(payment)
                .retrieve()
                .toEntity(PostingResult.class);
    }

    private BigDecimal balance(long account) {
        return admin().get()
                .uri("/api/v1/accounts/{id}", account)
                .retrieve()
                .body(AccountView.class)
                .balance();
    }

    private List<LedgerEntryView> ledger(long account) {
        return ledger(account, "");
    }

    private List<LedgerEntryView> ledger(long account, String query) {
        return List.of(admin().get()
                .uri("/api/v1/accounts/" + account + "/ledger" + query)
                .retrieve()
                .body(LedgerEntryView[].class));
    }

    private LedgerCheck check() {
        return admin().get().uri("/api/v1/ledger/check").retrieve().body(LedgerCheck.class);
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
