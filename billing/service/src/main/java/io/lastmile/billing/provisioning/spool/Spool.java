package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.spool.SpoolRepository.Taken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs spool tasks: takes the most urgent ready ones (SKIP LOCKED, so workers and billing instances
 * never share one), runs each attempt outside any transaction with its output written as it comes,
 * then records the attempts' ends in one transaction per batch and moves each task on (SUCCESS;
 * FAILED to retry after a backoff with jitter; DEAD when retries are exhausted or a retry cannot
 * help) together with what the listeners do about it. A task whose worker died is given up after
 * its timeout plus a grace and taken again; the late worker's result is then ignored, so a task
 * ends once.
 */
@Service
public class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    private final SpoolRepository repository;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectProvider<TaskRunner> runner;
    private final List<SpoolListener> listeners;
    private final Duration grace;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Set<AttemptOutput> running = ConcurrentHashMap.newKeySet();

    Spool(
            SpoolRepository repository,
            PlatformTransactionManager transactions,
            Clock clock,
            ObjectProvider<TaskRunner> runner,
            List<SpoolListener> listeners,
            @Value("${lastmile.billing.spool.grace-seconds:60}") long graceSeconds) {
        this.repository = repository;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.runner = runner;
        this.listeners = listeners;
        this.grace = Duration.ofSeconds(graceSeconds);
    }

    /** Runs one attempt of the most urgent ready task and records its end; false if none is ready. */
    public boolean runOne() {
        List<Taken> taken = take(1);
        if (taken.isEmpty()) {
            return false;
        }
        finish(List.of(attempt(taken.getFirst())));
        return true;
    }

    /**
     * Takes up to {@code max} ready tasks, runs their attempts one after another on this thread and
     * records their ends in one transaction, as the workers do; answers how many ran (0: none ready).
     */
    public int runReady(int max) {
        List<Taken> taken = take(max);
        if (!taken.isEmpty()) {
            finish(taken.stream().map(this::attempt).toList());
        }
        return taken.size();
    }

    /**
     * Takes up to {@code max} ready tasks and opens their attempts, in one transaction committed
     * without waiting for the disk: a take lost in a crash of PostgreSQL is the same as a worker
     * that died mid-attempt (the task runs again).
     */
    List<Taken> take(int max) {
        List<Taken> taken = transaction.execute(tx -> {
            repository.commitWithoutWaiting();
            return repository.take(clock.instant(), max, grace);
        });
        if (taken == null || taken.isEmpty()) {
            return List.of();
        }
        TaskRunner run = runner.getIfAvailable();
        if (run != null) {
            try {
                run.prepare(taken.stream().map(Taken::task).toList());
            } catch (RuntimeException e) {
                log.warn("spool: preparing {} tasks failed; each attempt reads its own", taken.size(), e);
            }
        }
        return taken;
    }

    /** Runs one taken attempt, outside any transaction; its output is written as it comes. */
    Attempted attempt(Taken t) {
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
            outcome = StorableText.outcome(attempt(t, output));
        } finally {
            running.remove(output);
        }
        Duration retryIn = outcome.kind() == AttemptOutcome.Kind.BUSY
                ? Backoff.busy(random)
                : Backoff.after(t.task().attempt(), t.task().backoffSeconds(), random);
        return new Attempted(new SpoolRepository.Ending(t.task(), t.attemptId(), outcome, retryIn), output.drain());
    }

    /**
     * Records the ends of attempts and what follows from them, in one transaction: the listeners'
     * locks first, then the tasks, the rest of their output, and the listeners' part.
     */
    void finish(List<Attempted> attempted) {
        List<SpoolTask> tasks = attempted.stream().map(a -> a.ending().task()).toList();
        transaction.executeWithoutResult(tx -> {
            listeners.forEach(l -> l.before(tasks));
            Map<Long, String> moved =
                    repository.finish(attempted.stream().map(Attempted::ending).toList(), clock.instant());
            // a late worker's lines are kept too: they are what its attempt printed
            repository.lines(attempted.stream()
                    .flatMap(a -> a.rest().stream()
                            .map(l -> new SpoolRepository.AttemptLine(a.ending().attemptId(), l)))
                    .toList());
            List<SpoolListener.Ended> ended = attempted.stream()
                    .map(Attempted::ending)
                    .filter(e -> List.of("SUCCESS", "DEAD")
                            .contains(moved.get(e.task().id())))
                    .map(e -> new SpoolListener.Ended(
                            e.task(), moved.get(e.task().id()), e.outcome().events()))
                    .toList();
            if (!ended.isEmpty()) {
                listeners.forEach(l -> l.finished(ended));
            }
        });
    }

    /** An attempt that ran: how it ended, and the output lines not written yet. */
    record Attempted(SpoolRepository.Ending ending, List<AttemptOutput.Line> rest) {}

    /** Writes the output lines of running attempts that waited {@link AttemptOutput#EVERY}; the workers call it. */
    public void flushOutput() {
        running.forEach(AttemptOutput::flushIfDue);
    }

    /**
     * Gives up tasks whose worker stopped mid-attempt (held past their timeout and the grace), with
     * what the listeners do for those out of attempts (DEAD: the alert, the service's ERROR); answers
     * how many.
     */
    public int abandonStale() {
        Integer abandoned = transaction.execute(tx -> {
            Instant now = clock.instant();
            List<SpoolTask> stale = repository.stale(now, SpoolWorkers.BATCH);
            if (stale.isEmpty()) {
                return 0;
            }
            listeners.forEach(l -> l.before(stale));
            Map<Long, String> moved = repository.abandon(stale, now);
            List<SpoolListener.Ended> dead = stale.stream()
                    .filter(t -> "DEAD".equals(moved.get(t.id())))
                    .map(t -> new SpoolListener.Ended(t, "DEAD", List.of()))
                    .toList();
            if (!dead.isEmpty()) {
                listeners.forEach(l -> l.finished(dead));
            }
            return moved.size();
        });
        return abandoned == null ? 0 : abandoned;
    }

    /** Adds a task; call inside the transaction that raised its event. */
    public long add(NewTask task) {
        return repository.add(task, clock.instant());
    }

    private AttemptOutcome attempt(Taken taken, OutputSink output) {
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
