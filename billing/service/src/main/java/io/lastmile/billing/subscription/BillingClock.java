package io.lastmile.billing.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
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
 * for the batch; whatever it leaves goes account by account.
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

    @Scheduled(fixedDelayString = "${lastmile.billing.subscriptions.clock.interval:PT1M}", initialDelayString = "PT10S")
    void tick() {
        if (properties.clock().enabled()) {
            runDue(clock.instant());
        }
    }

    /** Processes everything due by {@code now}; answers how many accounts it processed. */
    public int runDue(Instant now) {
        int processed = 0;
        Set<Long> failed = new HashSet<>();
        BatchRenewal.RunCatalog catalog = new BatchRenewal.RunCatalog();
        boolean progress = true;
        while (progress) {
            progress = false;
            long after = 0;
            List<Long> accounts;
            while (!(accounts = dueAccounts(now, after)).isEmpty()) {
                Set<Long> settled = renewInBatches(accounts, now, catalog);
                for (long accountId : accounts) {
                    after = accountId;
                    if (settled.contains(accountId)) {
                        processed++;
                        progress = true;
                    } else if (!failed.contains(accountId) && runAccount(accountId, now, failed)) {
                        processed++;
                        progress = true;
                    }
                }
            }
        }
        return processed;
    }

    /** Splits the accounts into batches run side by side; answers the accounts they settled. */
    private Set<Long> renewInBatches(List<Long> accounts, Instant now, BatchRenewal.RunCatalog catalog) {
        int size = Math.max(1, properties.clock().batch());
        List<List<Long>> batches = new ArrayList<>();
        for (int from = 0; from < accounts.size(); from += size) {
            batches.add(accounts.subList(from, Math.min(accounts.size(), from + size)));
        }
        if (batches.size() == 1) {
            return renewInBatch(batches.getFirst(), now, catalog);
        }
        Set<Long> settled = ConcurrentHashMap.newKeySet();
        try (ExecutorService workers = Executors.newFixedThreadPool(Math.min(batches.size(), workers()))) {
            for (List<Long> batch : batches) {
                workers.submit(() -> settled.addAll(renewInBatch(batch, now, catalog)));
            }
        }
        return settled;
    }

    private int workers() {
        return Math.max(1, properties.clock().workers());
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

    private List<Long> dueAccounts(Instant now, long after) {
        int batch = Math.max(1, properties.clock().batch()) * workers();
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
