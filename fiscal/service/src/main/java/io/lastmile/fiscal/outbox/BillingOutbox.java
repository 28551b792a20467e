package io.lastmile.fiscal.outbox;

import io.lastmile.billing.api.NewPayment;
import io.lastmile.billing.api.NewPaymentRefund;
import io.lastmile.billing.api.PaymentBatch;
import io.lastmile.billing.api.PaymentBatchResult;
import io.lastmile.billing.api.PostingResult;
import io.lastmile.fiscal.account.BillingPeer;
import io.lastmile.fiscal.book.OutboxQueued;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Posts booked payments and refunds to billing's ledger, each under its own idempotency key (the
 * payment's key, the refund's key), so a post repeated after a crash or a lost answer books once.
 * Payments go in batches ({@code POST /api/v1/payments/batch}), refunds one by one. A refund goes after its payment's row is credited, against the entry billing made of it;
 * until then it waits, and it is set aside if billing refused the payment. While billing is down or answers 5xx
 * the entry waits with a doubling delay; a 4xx answer is set aside with billing's words for the
 * operator and not retried. Runs on a schedule and right after each booking commits, on up to
 * {@code workers} threads at once.
 */
@Component
@EnableConfigurationProperties(OutboxProperties.class)
class BillingOutbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BillingOutbox.class);

    private final OutboxRepository outbox;
    private final BillingPeer billing;
    private final TransactionTemplate tx;
    private final OutboxProperties properties;
    private final Clock clock;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "billing-outbox");
        t.setDaemon(true);
        return t;
    });
    /** Drains running now; each claims its own rows (SKIP LOCKED), so they never post one twice. */
    private final AtomicInteger running = new AtomicInteger();
    /** A booking came while every worker was busy: one of them drains once more before it stops. */
    private final AtomicBoolean kicked = new AtomicBoolean();

    BillingOutbox(
            OutboxRepository outbox,
            BillingPeer billing,
            TransactionTemplate tx,
            OutboxProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.billing = billing;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void onBooked(OutboxQueued queued) {
        kick();
    }

    /** Starts a drain on another worker, up to {@code workers} at once; otherwise leaves a note. */
    private void kick() {
        kicked.set(true);
        int now;
        do {
            now = running.get();
            if (now >= properties.workers()) {
                return;
            }
        } while (!running.compareAndSet(now, now + 1));
        workers.execute(() -> {
            try {
                while (kicked.getAndSet(false)) {
                    drain();
                }
            } finally {
                running.decrementAndGet();
            }
            if (kicked.get()) {
                kick(); // noted after our last drain began and before we stopped counting
            }
        });
    }

    @Scheduled(fixedDelayString = "${lastmile.fiscal.outbox.interval:5s}")
    void scheduled() {
        drain();
    }

    /** Posts every due entry, payments in batches first, then refunds one by one; answers how many were handled. */
    int drain() {
        int handled = 0;
        int posted;
        while ((posted = orZero(tx.execute(status -> postPaymentBatch()))) > 0) {
            handled += posted;
        }
        if (posted < 0) {
            return handled; // billing is down: the rest waits for the next round
        }
        while (Boolean.TRUE.equals(tx.execute(status -> postNextRefund()))) {
            handled++;
        }
        return handled;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    /**
     * Posts up to {@code batchSize} due payments in one request; each item is answered on its own,
     * like a single post. Answers how many rows were handled, or -1 when billing did not take the
     * request (every row then waits for its retry; nothing is refused on a failed request).
     */
    private int postPaymentBatch() {
        Instant now = clock.instant();
        List<OutboxRepository.Due> due = outbox.claimPayments(now, properties.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        PaymentBatchResult answer;
        try {
            answer = billing.client()
                    .payAll(new PaymentBatch(
                            due.stream().map(BillingOutbox::item).toList()));
        } catch (RestClientException | IllegalStateException e) {
            String error = "billing did not take the batch: " + e.getClass().getSimpleName() + " " + e.getMessage();
            due.forEach(d -> retry(d, error, now));
            return -1;
        }
        if (answer == null || answer.results() == null || answer.results().size() != due.size()) {
            due.forEach(d -> retry(d, "billing's answer to the batch did not list every payment", now));
            return -1;
        }
        List<Long> credited = new ArrayList<>();
        List<Long> entries = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            var d = due.get(i);
            var result = answer.results().get(i);
            if (result.booked()) {
                var entry = result.posting() == null ? null : result.posting().entry();
                credited.add(d.id());
                entries.add(entry == null ? null : entry.id());
            } else {
                settleRefused(d, result, now);
            }
        }
        outbox.creditedAll(credited.toArray(Long[]::new), entries.toArray(Long[]::new), now);
        return due.size();
    }

    private static PaymentBatch.Item item(OutboxRepository.Due d) {
        return new PaymentBatch.Item(
                d.accountId(),
                d.paymentKey(),
                new NewPayment(exact(d.amount(), d.currency()), d.currency(), d.provider(), d.providerPaymentId()));
    }

    /** An item billing did not book: set aside for a 4xx (billing's words kept), retried otherwise. */
    private void settleRefused(OutboxRepository.Due d, PaymentBatchResult.Item result, Instant now) {
        if (result.status() >= 400 && result.status() < 500 && !retryable(result.status())) {
            log.warn("billing refused payment {}: {}", d.paymentKey(), result.status());
            outbox.refused(d.id(), result.status() + " " + result.detail(), now);
        } else {
            retry(d, "billing answered " + result.status() + " " + result.detail(), now);
        }
    }

    private boolean postNextRefund() {
        Instant now = clock.instant();
        var due = outbox.claimRefund(now);
        if (due.isEmpty()) {
            return false;
        }
        var d = due.get();
        String key = d.refund().refundKey();
        if (!"CREDITED".equals(d.paymentState()) || d.paymentEntryId() == null) {
            // billing refused the payment (or credited it without naming the entry): nothing to refund there
            log.warn("refund {} set aside: its payment {} is not in billing's ledger", key, d.paymentKey());
            outbox.refused(
                    d.id(),
                    "not posted: billing did not credit payment " + d.paymentKey() + ", so there is nothing"
                            + " to refund in its ledger",
                    now);
            return true;
        }
        try {
            PostingResult result = postRefund(d);
            outbox.credited(
                    d.id(),
                    result == null || result.entry() == null
                            ? null
                            : result.entry().id(),
                    now);
        } catch (HttpClientErrorException e) {
            int status = e.getStatusCode().value();
            if (retryable(status)) {
                retry(d, "billing answered " + status, now);
            } else {
                log.warn("billing refused refund {}: {}", key, status);
                outbox.refused(d.id(), status + " " + e.getResponseBodyAsString(), now);
            }
        } catch (RestClientException | IllegalStateException e) {
            retry(d, "billing did not take it: " + e.getClass().getSimpleName() + " " + e.getMessage(), now);
            return false; // billing is down: the rest waits for the next round
        }
        return true;
    }

    /** A refund goes against the ledger entry billing made of its payment, with the refund's key. */
    private PostingResult postRefund(OutboxRepository.Due d) {
        var r = d.refund();
        return billing.client()
                .refundPayment(
                        d.accountId(),
                        d.paymentEntryId(),
                        new NewPaymentRefund(
                                exact(r.amount(), r.currency()),
                                r.currency(),
                                r.providerRefundId(),
                                "refund " + r.providerRefundId() + " of payment " + d.providerPaymentId() + " at "
                                        + d.provider()),
                        r.refundKey());
    }

    /** A 4xx that asks to come back later rather than says no. */
    private static boolean retryable(int status) {
        return status == 408 || status == 429;
    }

    private void retry(OutboxRepository.Due d, String error, Instant now) {
        long factor = 1L << Math.min(d.attempts(), 20);
        Duration wait = properties.firstRetry().multipliedBy(factor);
        if (wait.compareTo(properties.maxRetry()) > 0) {
            wait = properties.maxRetry();
        }
        outbox.retryAt(d.id(), now.plus(wait), error.length() > 500 ? error.substring(0, 500) : error, now);
    }

    /** The amount at the currency's scale: it was checked to have no more decimals on booking. */
    static BigDecimal exact(BigDecimal amount, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
