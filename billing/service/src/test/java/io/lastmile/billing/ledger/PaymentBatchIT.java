package io.lastmile.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.LedgerCheck;
import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewPayment;
import io.lastmile.billing.api.PaymentBatch;
import io.lastmile.billing.api.PaymentBatchResult;
import io.lastmile.billing.api.PostingResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

/** {@code POST /api/v1/payments/batch}: many payments in one request, each booked once by its own key. */
class PaymentBatchIT extends BillingApiTestBase {

    @Test
    void booksEachPaymentOnceAndAnswersEachInOrder() {
        long a = openAccount();
        long b = openAccount();
        String replayedKey = key();
        pay(a, replayedKey, "10.00");

        PaymentBatchResult result = post(List.of(
                item(b, key(), "100.50"),
                item(a, replayedKey, "10.00"),
                item(a, key(), "5.00"),
                item(b, key(), "0.50")));

        assertThat(result.results()).extracting(PaymentBatchResult.Item::status).containsExactly(201, 200, 201, 201);
        assertThat(result.results().get(1).posting().replayed()).isTrue();
        assertThat(balance(a)).isEqualByComparingTo("15.00");
        assertThat(balance(b)).isEqualByComparingTo("101.00");
        List<LedgerEntryView> ledgerOfB = ledger(b);
        assertThat(ledgerOfB).extracting(LedgerEntryView::kind).containsOnly("PAYMENT");
        assertThat(ledgerOfB.getFirst().balanceAfter()).isEqualByComparingTo("101.00");
        assertThat(mismatchesOf(List.of(a, b))).isEmpty();
    }

    @Test
    void refusesBadItemsOnTheirOwnAndBooksTheRest() {
        long a = openAccount();
        String used = key();
        pay(a, used, "10.00");

        PaymentBatchResult result = post(List.of(
                item(a, used, "99.00"),
                item(987654321L, key(), "1.00"),
                item(a, key(), "1.001"),
                new PaymentBatch.Item(a, key(), new NewPayment(new BigDecimal("1.00"), "USD", "test", null)),
                item(a, key(), "2.00")));

        assertThat(result.results())
                .extracting(PaymentBatchResult.Item::status)
                .containsExactly(409, 404, 400, 400, 201);
        assertThat(result.results().get(2).detail()).contains("decimals");
        assertThat(result.results().get(3).detail()).contains("RUB");
        assertThat(balance(a)).isEqualByComparingTo("12.00");
        assertThat(ledger(a)).hasSize(2);
    }

    @Test
    void refusesAMalformedBatchWhole() {
        long a = openAccount();
        String key = key();

        ResponseEntity<String> twice = postRaw(List.of(item(a, key, "1.00"), item(a, key, "1.00")));
        ResponseEntity<String> empty = postRaw(List.of());
        ResponseEntity<String> tooMany =
                postRaw(Collections.nCopies(PaymentBatch.MAX_ITEMS + 1, item(a, key(), "1.00")));

        assertThat(twice.getStatusCode().value()).isEqualTo(400);
        assertThat(twice.getBody()).contains("appears twice");
        assertThat(empty.getStatusCode().value()).isEqualTo(400);
        assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
        assertThat(tooMany.getBody()).contains("at most " + PaymentBatch.MAX_ITEMS);
        assertThat(balance(a)).isEqualByComparingTo("0");
    }

    @Test
    void parallelBatchesOverTheSameAccountsBookEveryKeyOnce() throws Exception {
        List<Long> accounts = List.of(openAccount(), openAccount(), openAccount());
        List<PaymentBatch.Item> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            items.add(item(accounts.get(i % 3), key(), "1.00"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<PaymentBatchResult>> answers = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            List<PaymentBatch.Item> shuffled = new ArrayList<>(items);
            Collections.shuffle(shuffled);
            answers.add(pool.submit(() -> post(shuffled)));
        }
        int booked = 0;
        for (var f : answers) {
            booked += (int)
                    f.get().results().stream().filter(r -> r.status() == 201).count();
        }
        pool.shutdown();

        assertThat(booked).isEqualTo(60);
        for (long account : accounts) {
            assertThat(balance(account)).isEqualByComparingTo("20.00");
            assertThat(ledger(account)).hasSize(20);
        }
        assertThat(mismatchesOf(accounts)).isEmpty();
    }

    @Test
    void refusesASubscribersToken() {
        long a = openAccount();

        ResponseEntity<String> answer = client(TOKENS.subscriber(a))
                .post()
                .uri("/api/v1/payments/batch")
                .body(new PaymentBatch(List.of(item(a, key(), "1.00"))))
                .retrieve()
                .toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(balance(a)).isEqualByComparingTo("0");
    }

    private PaymentBatchResult post(List<PaymentBatch.Item> items) {
        return client(TOKENS.service("fiscal"))
                .post()
                .uri("/api/v1/payments/batch")
                .body(new PaymentBatch(items))
                .retrieve()
                .body(PaymentBatchResult.class);
    }

    private ResponseEntity<String> postRaw(List<PaymentBatch.Item> items) {
        return client(TOKENS.service("fiscal"))
                .post()
                .uri("/api/v1/payments/batch")
                .body(new PaymentBatch(items))
                .retrieve()
                .toEntity(String.class);
    }

    private static PaymentBatch.Item item(long account, String key, String amount) {
        return new PaymentBatch.Item(account, key, new NewPayment(new BigDecimal(amount), "RUB", "test", "ext-" + key));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private long openAccount() {
        return admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("B-" + UUID.randomUUID().toString().substring(0, 12), "Batch Test", "RUB"))
                .retrieve()
                .body(AccountView.class)
                .id();
    }

    private void pay(long account, String key, String amount) {
        client(TOKENS.service("fiscal"))
                .post()
                .uri("/api/v1/accounts/{id}/payments", account)
                .header("Idempotency-Key", key)
                .body(new NewPayment(new BigDecimal(amount), "RUB", "test", "ext-" + key))
                .retrieve()
                .body(PostingResult.class);
    }

    private BigDecimal balance(long account) {
        return admin().get()
                .uri("/api/v1/accounts/{id}", account)
                .retrieve()
                .body(AccountView.class)
                .balance();
    }

    private List<LedgerEntryView> ledger(long account) {
        return admin().get()
                .uri("/api/v1/accounts/{id}/ledger", account)
                .retrieve()
                .body(new ParameterizedTypeReference<List<LedgerEntryView>>() {});
    }

    /** The ledger check's mismatches on these accounts (other tests' accounts share the database). */
    private List<LedgerCheck.Mismatch> mismatchesOf(List<Long> accounts) {
        return admin().get().uri("/api/v1/ledger/check").retrieve().body(LedgerCheck.class).mismatches().stream()
                .filter(m -> accounts.contains(m.accountId()))
                .toList();
    }
}
