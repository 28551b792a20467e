package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs spool tasks one attempt at a time: takes the most urgent ready task (SKIP LOCKED, so
 * workers and billing instances never share one), runs it outside any transaction with each line
 * of output committed as it comes, then records the attempt and moves the task on (SUCCESS;
 * FAILED to retry after a backoff with jitter; DEAD when retries are exhausted or a retry cannot
 * help) together with what the listeners do about it. A task whose worker died is given up after
 * its timeout and taken again; the late worker's result is then ignored, so a task ends once.
 */
@Service
public class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    private final SpoolRepository repository;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectProvider<TaskRunner> runner;
    private final List<SpoolListener> listeners;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Set<AttemptOutput> running = ConcurrentHashMap.newKeySet();

    Spool(
            SpoolRepository repository,
            PlatformTransactionManager transactions,
            Clock clock,
            ObjectProvider<TaskRunner> runner,
            List<SpoolListener> listeners) {
        this.repository = repository;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.runner = runner;
        this.listeners = listeners;
    }

    /** Runs one attempt of the most urgent ready task; false if none is ready. */
    public boolean runOne() {
        Optional<SpoolRepository.Taken> taken = transaction.execute(tx -> {
            repository.commitWithoutWaiting();
            return repository.take(clock.instant());
        });
        if (taken == null || taken.isEmpty()) {
            return false;
        }
        SpoolRepository.Taken t = taken.get();
        AttemptOutput output = new AttemptOutput(
                t.attemptId(),
                clock,
                (attempt, lines) -> transaction.executeWithoutResult(tx -> {
                    repository.commitWithoutWaiting();
                    repository.lines(attempt, lines);
                }));
        running.add(output);
        AttemptOutcome outcome;
        try {
            outcome = attempt(t, output);
        } finally {
            running.remove(output);
        }
        Duration retryIn = Backoff.after(t.task().attempt(), t.task().backoffSeconds(), random);
        transaction.executeWithoutResult(tx -> {
            listeners.forEach(l -> l.before(t.task()));
            Optional<String> status = repository.finish(t, outcome, clock.instant(), retryIn);
            // a late worker's lines are kept too: they are what its attempt printed
            repository.lines(t.attemptId(), output.drain());
            status.filter(s -> s.equals("SUCCESS") || s.equals("DEAD"))
                    .ifPresent(s -> listeners.forEach(l -> l.finished(t.task(), s)));
        });
        return true;
    }

    /** Writes the output lines of running attempts that waited {@link AttemptOutput#EVERY}; the workers call it. */
    public void flushOutput() {
        running.forEach(AttemptOutput::flushIfDue);
    }

    /** Gives up tasks whose worker stopped mid-attempt; answers how many. */
    public int abandonStale() {
        return transaction.execute(tx -> repository.abandon(clock.instant()));
    }

    /** Adds a task; call inside the transaction that raised its event. */
    public long add(NewTask task) {
        return repository.add(task, clock.instant());
    }

    private AttemptOutcome attempt(SpoolRepository.Taken taken, OutputSink output) {
        TaskRunner run = runner.getIfAvailable();
        if (run == null) {
            return AttemptOutcome.retry(null, "no task runner is configured");
        }
        try {
            AttemptOutcome outcome = run.run(taken.task(), output);
            return outcome == null ? AttemptOutcome.retry(null, "the runner answered nothing") : outcome;
        } catch (RuntimeException e) {
            log.warn(
                    "spool: task {} attempt {} failed",
                    taken.task().id(),
                    taken.task().attempt(),
                    e);
            output.line(
                    OutputSink.Stream.TRANSPORT,
                    "the attempt failed: " + e.getClass().getSimpleName());
            return AttemptOutcome.retry(
                    null, "the attempt failed: " + e.getClass().getSimpleName());
        }
    }
}
