package io.lastmile.billing.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds what is due (expiries, warnings, grace ends, daily charges, freezes ending, promised
 * payments ending) and processes it, one account per transaction under the account's row lock
 * taken with SKIP LOCKED: two clocks, or a clock and a payment, never work on one account at
 * once, and every charge is keyed by (user service, period start), so a re-run charges nothing
 * twice. A failing account is logged, rolled back and retried on the next run. Plain
 * prolongations of a batch of accounts first go through {@link BatchRenewal}, one transaction
 * for the batch; whatever it leaves goes account by account. Workers take the next batch as soon
 * as they are free, so the database is kept busy while Java prepares the next one.
 */
@Component
public class BillingClock {

    private static final Logger log = LoggerFactory.getLogger(BillingClock.class);
    /** A service needs one step per period or day that passed; more than this for one account is a bug. */
    private static final int MAX_STEPS_PER_ACCOUNT = 100_000;

    private final UserServiceRepository repository;
    private final PromisedPayments promised;
    private final Renewal renewal;
    private final BatchRenewal batch;
    private final TransactionTemplate perAccount;
    private final Clock clock;
    private final SubscriptionProperties properties;

    BillingClock(
            UserServiceRepository repository,
            PromisedPayments promised,
            Renewal renewal,
            BatchRenewal batch,
            PlatformTransactionManager transactions,
            Clock clock,
            SubscriptionProperties properties) {
        this.repository = repository;
        this.promised = promised;
        this.renewal = renewal;
        this.batch = batch;
        this.perAccount = new TransactionTemplate(transactions);
        this.perAccount.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.properties = properties;
    }

    /** Processes everything due by {@code now}; answers how many accounts it processed. */
    public int runDue(Instant now) {
        Run run = new Run(now);
        boolean progress = true;
        while (progress) {
            int before = run.processed.get();
            run.restart();
            inWorkers(run);
            progress = run.processed.get() > before;
        }
        return run.processed.get();
    }

    /** One pass over the due accounts: each worker takes the next batch as soon as it is free. */
    private void inWorkers(Run run) {
        int workers = Math.max(1, properties.clock().workers());
        if (workers == 1) {
            work(run);
            return;
        }
        List<Future<?>> passes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int i = 0; i < workers; i++) {
                passes.add(pool.submit(() -> work(run)));
            }
        }
        for (Future<?> pass : passes) {
            try {
                pass.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("billing clock interrupted", e);
            }
        }
    }

    private void work(Run run) {
        List<Long> accounts;
        while (!(accounts = run.nextBatch()).isEmpty()) {
            Set<Long> settled = renewInBatch(accounts, run.now, run.catalog);
            for (long accountId : accounts) {
                if (settled.contains(accountId)
                        || (!run.failed.contains(accountId) && runAccount(accountId, run.now, run.failed))) {
                    run.processed.incrementAndGet();
                }
            }
        }
    }

    /** A clock run: its time, its cursor over the due accounts, what it did and what failed. */
    private final class Run {
        final Instant now;
        final BatchRenewal.RunCatalog catalog = new BatchRenewal.RunCatalog();
        final Set<Long> failed = ConcurrentHashMap.newKeySet();
        final AtomicInteger processed = new AtomicInteger();
        long after;

        Run(Instant now) {
            this.now = now;
        }

        synchronized void restart() {
            after = 0;
        }

        synchronized List<Long> nextBatch() {
            List<Long> accounts =
                    dueAccounts(now, after, Math.max(1, properties.clock().batch()));
            if (!accounts.isEmpty()) {
                after = accounts.getLast();
            }
            return accounts;
        }
    }

    /** The fast path for plain prolongations; on any failure the accounts go the per-account way. */
    private Set<Long> renewInBatch(List<Long> accounts, Instant now, BatchRenewal.RunCatalog catalog) {
        try {
            return perAccount.execute(tx -> batch.renew(accounts, now, catalog));
        } catch (RuntimeException e) {
            log.warn(
                    "billing clock: the batch of {} accounts from {} goes account by account: {}",
                    accounts.size(),
                    accounts.getFirst(),
                    e.toString());
            return Set.of();
        }
    }

    /** Processes one account's due work now (after a payment); false if another clock holds it. */
    public boolean runAccount(long accountId, Instant now) {
        return runAccount(accountId, now, new HashSet<>());
    }

    private boolean runAccount(long accountId, Instant now, Set<Long> failed) {
        try {
            Boolean done = perAccount.execute(tx -> {
                if (repository.lockAccount(accountId, true).isEmpty()) {
                    return false;
                }
                promised.returnDue(accountId, now);
                int steps = 0;
                List<UserService> due;
                while (!(due = repository.dueOfAccount(accountId, now)).isEmpty()) {
                    renewal.step(due.getFirst(), now);
                    if (++steps > MAX_STEPS_PER_ACCOUNT) {
                        throw new IllegalStateException(
                                "account " + accountId + " did not settle after " + steps + " steps");
                    }
                }
                return true;
            });
            return Boolean.TRUE.equals(done);
        } catch (RuntimeException e) {
            failed.add(accountId);
            log.error("billing clock: account {} failed and is retried on the next run", accountId, e);
            return false;
        }
    }

    private List<Long> dueAccounts(Instant now, long after, int batch) {
        var services = repository.dueAccounts(now, after, batch);
        var payments = promised.dueAccounts(now, after, batch);
        if (payments.isEmpty()) {
            return services;
        }
        return java.util.stream.Stream.concat(services.stream(), payments.stream())
                .distinct()
                .sorted()
                .limit(batch)
                .toList();
    }
}
