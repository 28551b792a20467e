package io.lastmile.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.LedgerCheck;
import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewCorrection;
import io.lastmile.billing.api.NewPayment;
import io.lastmile.billing.api.NewPaymentRefund;
import io.lastmile.billing.api.PostingResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** PAYMENT_REFUND: money a payment system gave back, taken off the balance, never more than the payment. */
class PaymentRefundIT extends BillingApiTestBase {

    @Test
    void refundsAWholePaymentAndTheBalanceMayGoBelowZero() {
        long account = openAccount();
        long payment = pay(account, "500.00");
        correct(account, "-300.00");

        ResponseEntity<String> refund =
                refund(account, payment, UUID.randomUUID().toString(), "500.00", "r-1");

        assertThat(refund.getStatusCode().value()).isEqualTo(201);
        assertThat(balance(account)).isEqualByComparingTo("-300");
        LedgerEntryView entry = ledger(account).getFirst();
        assertThat(entry.kind()).isEqualTo("PAYMENT_REFUND");
        assertThat(entry.amount()).isEqualByComparingTo("-500");
        assertThat(entry.correctsEntryId()).isEqualTo(payment);
        assertThat(entry.externalId()).isEqualTo("r-1");
        assertThat(entry.balanceAfter()).isEqualByComparingTo("-300");
        assertThat(check().mismatches()).isEmpty();
    }

    @Test
    void booksTwoPartialRefundsAndRefusesAThirdBeyondThePaymentBookingNothing() {
        long account = openAccount();
        long payment = pay(account, "1000.00");

        assertThat(refund(account, payment, key(), "300.00", "p-1")
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(refund(account, payment, key(), "450.50", "p-2")
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        ResponseEntity<String> over = refund(account, payment, key(), "249.51", "p-3");

        assertThat(over.getStatusCode().value()).isEqualTo(422);
        assertThat(over.getBody()).contains("249.50").contains("left to refund");
        assertThat(balance(account)).isEqualByComparingTo("249.50");
        assertThat(ledger(account)).hasSize(3);
        assertThat(refund(account, payment, key(), "249.50", "p-3")
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(balance(account)).isEqualByComparingTo("0");
    }

    @Test
    void refusesToRefundAnEntryThatIsNotAPaymentOrNotOfTheAccount() {
        long account = openAccount();
        long correction = correct(account, "100.00");
        long other = openAccount();
        long othersPayment = pay(other, "100.00");

        ResponseEntity<String> notPayment = refund(account, correction, key(), "10.00", null);
        ResponseEntity<String> notOurs = refund(account, othersPayment, key(), "10.00", null);
        ResponseEntity<String> tooPrecise = refund(other, othersPayment, key(), "10.001", null);
        ResponseEntity<String> otherCurrency = refund(other, othersPayment, key(), "10.00", "USD", null);

        assertThat(notPayment.getStatusCode().value()).isEqualTo(400);
        assertThat(notPayment.getBody()).contains("not a PAYMENT");
        assertThat(notOurs.getStatusCode().value()).isEqualTo(404);
        assertThat(tooPrecise.getStatusCode().value()).isEqualTo(400);
        assertThat(otherCurrency.getStatusCode().value()).isEqualTo(400);
        assertThat(ledger(account)).hasSize(1);
        assertThat(ledger(other)).hasSize(1);
        assertThat(balance(other)).isEqualByComparingTo("100");
    }

    @Test
    void replaysTheKeyAndRefusesItForAnotherRefund() {
        long account = openAccount();
        long payment = pay(account, "100.00");
        String key = key();

        ResponseEntity<String> first = refund(account, payment, key, "100.00", "k-1");
        ResponseEntity<String> replay = refund(account, payment, key, "100", "k-1");
        ResponseEntity<String> other = refund(account, payment, key, "50.00", "k-1");

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getStatusCode().value()).isEqualTo(200);
        assertThat(replay.getBody()).contains("\"replayed\":true");
        assertThat(other.getStatusCode().value()).isEqualTo(409);
        assertThat(ledger(account)).hasSize(2);
        assertThat(balance(account)).isEqualByComparingTo("0");
    }

    @Test
    void booksOneEntryForTheSameKeySentInParallel() throws Exception {
        long account = openAccount();
        long payment = pay(account, "100.00");
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> refund(account, payment, key, "100.00", "par")));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var f : answers) {
            statuses.add(f.get().getStatusCode().value());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(ledger(account)).hasSize(2);
        assertThat(balance(account)).isEqualByComparingTo("0");
    }

    @Test
    void refusesASubscribersToken() {
        long account = openAccount();
        long payment = pay(account, "100.00");

        ResponseEntity<String> answer = client(TOKENS.subscriber(account))
                .post()
                .uri("/api/v1/accounts/{id}/payments/{entryId}/refunds", account, payment)
                .header("Idempotency-Key", key())
                .body(new NewPaymentRefund(new BigDecimal("100.00"), "RUB", null, null))
                .retrieve()
                .toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(balance(account)).isEqualByComparingTo("100");
    }

    private ResponseEntity<String> refund(long account, long payment, String key, String amount, String externalId) {
        return refund(account, payment, key, amount, "RUB", externalId);
    }

    private ResponseEntity<String> refund(
            long account, long payment, String key, String amount, String currency, String externalId) {
        return client(TOKENS.service("fiscal"))
                .post()
                .uri("/api/v1/accounts/{id}/payments/{entryId}/refunds", account, payment)
                .header("Idempotency-Key", key)
                .body(new NewPaymentRefund(new BigDecimal(amount), currency, externalId, "refund at the provider"))
                .retrieve()
                .toEntity(String.class);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private long openAccount() {
        return admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("R-" + UUID.randomUUID().toString().substring(0, 12), "Refund Test", "RUB"))
                .retrieve()
                .body(AccountView.class)
                .id();
    }

    private long pay(long account, String amount) {
        return client(TOKENS.service("fiscal"))
                .post()
                .uri("/api/v1/accounts/{id}/payments", account)
                .header("Idempotency-Key", key())
                .body(new NewPayment(new BigDecimal(amount), "RUB", "test", null))
                .retrieve()
                .body(PostingResult.class)
                .entry()
                .id();
    }

    private long correct(long account, String amount) {
        return admin().post()
                .uri("/api/v1/accounts/{id}/corrections", account)
                .header("Idempotency-Key", key())
                .body(new NewCorrection(new BigDecimal(amount), "RUB", null, "test"))
                .retrieve()
                .body(PostingResult.class)
                .entry()
                .id();
    }

    private BigDecimal balance(long account) {
        return admin().get()
                .uri("/api/v1/accounts/{id}", account)
                .retrieve()
                .body(AccountView.class)
                .balance();
    }

    private List<LedgerEntryView> ledger(long account) {
        return List.of(admin().get()
                .uri("/api/v1/accounts/" + account + "/ledger")
                .retrieve()
                .body(LedgerEntryView[].class));
    }

    private LedgerCheck check() {
        return admin().get().uri("/api/v1/ledger/check").retrieve().body(LedgerCheck.class);
    }
}
