package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.dispatch.Dispatcher;
import io.lastmile.billing.provisioning.periodic.PeriodicJobs;
import io.lastmile.billing.provisioning.spool.SpoolRepository.Taken;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The spool's threads. A listener waits on PostgreSQL's {@code lastmile_spool} channel (notified at
 * the commit of a new event or a task that became ready), dispatches the event outbox, queues
 * periodic jobs, writes waiting output lines of running tasks and gives up abandoned tasks. A taker
 * takes ready tasks, as many at once as there are free slots, and runs each attempt on a virtual
 * thread of its own; a finisher records ended attempts in batches, one transaction for all that
 * ended meanwhile, so the join's statements and commits are shared under load and a fast task waits
 * for no slow one. {@code lastmile.billing.spool.workers} is how many attempts run at once; 0 turns
 * all of it off (tests drive the spool themselves).
 */
@Component
class SpoolWorkers implements SmartLifecycle {

    static final String CHANNEL = "lastmile_spool";
    private static final Logger log = LoggerFactory.getLogger(SpoolWorkers.class);
    private static final Duration IDLE = Duration.ofSeconds(1);
    /** How long the listener waits for a notification before its own rounds (output of running tasks). */
    private static final Duration LISTEN_FOR = AttemptOutput.EVERY;

    private static final Duration ABANDON_EVERY = Duration.ofSeconds(10);
    /** At most this many tasks are taken, or ended, in one transaction. */
    static final int BATCH = 100;
    /** A batch that failed to commit is tried this many times, then its attempts one by one. */
    private static final int FINISH_TRIES = 3;

    private final Spool spool;
    private final Dispatcher dispatcher;
    private final PeriodicJobs periodic;
    private final DataSource dataSource;
    private final int workers;
    private final Wakeup wakeup = new Wakeup();
    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<Spool.Attempted> ended = new LinkedBlockingQueue<>();
    private Semaphore slots;
    private ExecutorService attempts;
    private volatile boolean running;

    SpoolWorkers(
            Spool spool,
            Dispatcher dispatcher,
            PeriodicJobs periodic,
            DataSource dataSource,
            @Value("${lastmile.billing.spool.workers:128}") int workers) {
        this.spool = spool;
        this.dispatcher = dispatcher;
        this.periodic = periodic;
        this.dataSource = dataSource;
        this.workers = workers;
    }

    @Override
    public void start() {
        if (workers <= 0) {
            return;
        }
        running = true;
        slots = new Semaphore(workers);
        attempts = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("spool-attempt-", 1).factory());
        periodic.register();
        threads.add(Thread.ofPlatform().name("spool-listener").daemon().start(this::listen));
        threads.add(Thread.ofPlatform().name("spool-taker").daemon().start(this::take));
        threads.add(Thread.ofPlatform().name("spool-finisher").daemon().start(this::finish));
        log.info("spool: up to {} attempts at once, listening on '{}'", workers, CHANNEL);
    }

    @Override
    public void stop() {
        running = false;
        wakeup.wakeAll();
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        // attempts still running are given up by the next instance, after their timeout
        attempts.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Takes as many ready tasks as there are free slots (at least one), and starts their attempts. */
    private void take() {
        while (running) {
            long seen = wakeup.generation();
            int free;
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            free = 1;
            while (free < BATCH && slots.tryAcquire()) {
                free++;
            }
            List<Taken> taken;
            try {
                taken = spool.take(free);
            } catch (RuntimeException e) {
                log.warn("spool: taking tasks failed; trying again shortly", e);
                taken = List.of();
            }
            slots.release(free - taken.size());
            for (Taken t : taken) {
                attempts.execute(() -> attempt(t));
            }
            if (taken.isEmpty()) {
                wakeup.await(seen, IDLE);
            }
        }
    }

    private void attempt(Taken t) {
        try {
            ended.add(spool.attempt(t));
        } catch (RuntimeException | Error e) {
            // its task stays RUNNING and is given up and run again after its timeout
            log.error(
                    "spool: task {} attempt {} broke down",
                    t.task().id(),
                    t.task().attempt(),
                    e);
            slots.release();
        }
    }

    /** Records ended attempts, all that are waiting in one transaction, and frees their slots. */
    private void finish() {
        while (running) {
            List<Spool.Attempted> batch = new ArrayList<>();
            try {
                Spool.Attempted first = ended.poll(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            ended.drainTo(batch, BATCH - 1);
            try {
                finish(batch);
            } finally {
                slots.release(batch.size());
            }
        }
    }

    /**
     * A batch that does not commit (a deadlock, the database away for a moment) is tried again, then
     * its attempts alone, so that one bad task cannot hold the others back. An attempt whose end
     * cannot be recorded at all stays RUNNING and is given up and run again after its timeout.
     */
    private void finish(List<Spool.Attempted> batch) {
        for (int tried = 1; tried <= FINISH_TRIES; tried++) {
            try {
                spool.finish(batch);
                return;
            } catch (RuntimeException e) {
                log.warn("spool: recording the end of {} attempts failed (try {})", batch.size(), tried, e);
                sleep(Duration.ofMillis(100L * tried));
            }
        }
        for (Spool.Attempted one : batch) {
            try {
                spool.finish(List.of(one));
            } catch (RuntimeException e) {
                log.error(
                        "spool: the end of task {} attempt {} could not be recorded; it runs again after its timeout",
                        one.ending().task().id(),
                        one.ending().task().attempt(),
                        e);
            }
        }
    }

    private void listen() {
        long lastAbandon = 0;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    housekeeping();
                    if (System.nanoTime() - lastAbandon > ABANDON_EVERY.toNanos()) {
                        lastAbandon = System.nanoTime();
                        int abandoned;
                        do {
                            abandoned = spool.abandonStale();
                            if (abandoned > 0) {
                                wakeup.wakeAll();
                            }
                        } while (abandoned >= BATCH && running);
                    }
                    spool.flushOutput();
                    PGNotification[] notes = pg.getNotifications((int) LISTEN_FOR.toMillis());
                    if (notes != null && notes.length > 0) {
                        wakeup.wakeAll();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("spool: the listener lost its connection; reconnecting", e);
                    sleep(IDLE);
                }
            }
        }
    }

    /** Dispatches the outbox until it is empty and queues due periodic jobs; wakes workers for what it added. */
    private void housekeeping() {
        int added = periodic.queueDue();
        int dispatched;
        do {
            dispatched = dispatcher.dispatchBatch();
            added += dispatched;
        } while (dispatched >= Dispatcher.BATCH_SIZE && running);
        if (added > 0) {
            wakeup.wakeAll();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes sleeping workers without losing a wake that comes between a look for work and the sleep. */
    static final class Wakeup {
        private long generation;

        synchronized long generation() {
            return generation;
        }

        synchronized void wakeAll() {
            generation++;
            notifyAll();
        }

        synchronized void await(long seen, Duration max) {
            if (generation != seen) {
                return;
            }
            try {
                wait(max.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
