package io.lastmile.collector.traffic.spool;

import io.lastmile.collector.traffic.BillingTraffic;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the spooled batches to billing, oldest first, one at a time. A batch leaves the spool only
 * when billing answered 200 (booked now or before: duplicate); a 400 (or 409, 413, 422: billing will
 * never take it as it is) sets it aside in {@code rejected/}; anything else (unreachable, timeout,
 * 5xx, 401, 404) keeps it and every batch after it, and the next try waits longer (exponential
 * backoff from {@code retryBase} to {@code retryMax}).
 */
public final class BatchSender {

    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

    public enum Outcome {
        DELIVERED,
        DUPLICATE,
        REJECTED,
        RETRYING
    }

    /** The last answer, for the status. */
    public record LastSend(Instant at, String batchId, Outcome outcome, int status, String detail) {}

    /** What billing answers to a batch (fields we read; others ignored). */
    record Receipt(String batchId, Integer rows, Boolean duplicate, List<Long> unknownAccounts) {}

    private final BatchSpool spool;
    private final BillingTraffic billing;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration retryBase;
    private final Duration retryMax;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private int failures;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile LastSend last;

    public BatchSender(
            BatchSpool spool,
            BillingTraffic billing,
            JsonMapper json,
            Clock clock,
            Duration retryBase,
            Duration retryMax) {
        this.spool = spool;
        this.billing = billing;
        this.json = json;
        this.clock = clock;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
    }

    /** Sends when the backoff allows it; the scheduler calls this often. */
    public synchronized void sendIfDue() {
        if (!clock.instant().isBefore(nextAttempt)) {
            sendPending();
        }
    }

    /**
     * Sends until the spool is empty or billing fails to take one.
     *
     * @return how many batches left the spool (delivered, duplicate or rejected)
     */
    public synchronized int sendPending() {
        int done = 0;
        while (true) {
            Optional<BatchSpool.Spooled> next;
            try {
                next = spool.oldest();
            } catch (IOException e) {
                retryLater(null, 0, "cannot read the spool: " + e);
                return done;
            }
            if (next.isEmpty() || !sendOne(next.get())) {
                return done;
            }
            done++;
        }
    }

    private boolean sendOne(BatchSpool.Spooled batch) {
        BillingTraffic.Answer answer = billing.postBatch(batch.body());
        int status = answer.status();
        try {
            if (status == 200) {
                spool.remove(batch);
                acknowledged(batch, answer);
                return true;
            }
            if (status == 400 || status == 409 || status == 413 || status == 422) {
                spool.reject(batch);
                rejected.incrementAndGet();
                record(batch.batchId(), Outcome.REJECTED, status, answer.text());
                log.warn(
                        "billing refused traffic batch {} ({}): set aside in {}/rejected: {}",
                        batch.batchId(),
                        status,
                        spool.directory(),
                        answer.text());
                return true;
            }
        } catch (IOException e) {
            retryLater(batch.batchId(), status, "cannot update the spool: " + e);
            return false;
        }
        retryLater(batch.batchId(), status, status == 0 ? answer.text() : "billing answered " + status);
        return false;
    }

    private void acknowledged(BatchSpool.Spooled batch, BillingTraffic.Answer answer) {
        failures = 0;
        nextAttempt = Instant.MIN;
        Receipt receipt = null;
        try {
            receipt = json.readValue(answer.body(), Receipt.class);
        } catch (JacksonException e) {
            log.warn("billing took batch {} but its answer is unreadable: {}", batch.batchId(), e.getMessage());
        }
        boolean duplicate = receipt != null && Boolean.TRUE.equals(receipt.duplicate());
        (duplicate ? duplicates : delivered).incrementAndGet();
        String detail = "";
        if (receipt != null
                && receipt.unknownAccounts() != null
                && !receipt.unknownAccounts().isEmpty()) {
            detail = "accounts unknown to billing, not booked: " + receipt.unknownAccounts();
            log.warn("traffic batch {}: {}", batch.batchId(), detail);
        }
        record(batch.batchId(), duplicate ? Outcome.DUPLICATE : Outcome.DELIVERED, 200, detail);
    }

    private void retryLater(String batchId, int status, String why) {
        Duration wait = retryBase.multipliedBy(1L << Math.min(failures, 20));
        if (wait.compareTo(retryMax) > 0 || wait.isNegative()) {
            wait = retryMax;
        }
        failures++;
        nextAttempt = clock.instant().plus(wait);
        if (failures == 1 || failures % 10 == 0) {
            log.warn("traffic batch {} not delivered ({}), try {} again in {}", batchId, why, failures, wait);
        }
        record(batchId, Outcome.RETRYING, status, why);
    }

    private void record(String batchId, Outcome outcome, int status, String detail) {
        last = new LastSend(clock.instant(), batchId, outcome, status, detail);
    }

    public LastSend last() {
        return last;
    }

    public Instant nextAttempt() {
        return nextAttempt;
    }

    public long delivered() {
        return delivered.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }
}
