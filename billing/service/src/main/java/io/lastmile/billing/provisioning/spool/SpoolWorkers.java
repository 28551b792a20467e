package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.dispatch.Dispatcher;
import io.lastmile.billing.provisioning.periodic.PeriodicJobs;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The spool's threads. One listens on PostgreSQL's {@code lastmile_spool} channel (notified at the
 * commit of a new event or a task that became ready), dispatches the event outbox, queues periodic
 * jobs, writes waiting output lines of running tasks and gives up abandoned tasks; the workers run tasks until none is ready, then sleep until
 * woken or for at most a second, which also catches retries whose backoff ran out.
 * {@code lastmile.billing.spool.workers=0} turns all of it off (tests drive the spool themselves).
 */
@Component
class SpoolWorkers implements SmartLifecycle {

    static final String CHANNEL = "lastmile_spool";
    private static final Logger log = LoggerFactory.getLogger(SpoolWorkers.class);
    private static final Duration IDLE = Duration.ofSeconds(1);
    /** How long the listener waits for a notification before its own rounds (output of running tasks). */
    private static final Duration LISTEN_FOR = AttemptOutput.EVERY;

    private static final Duration ABANDON_EVERY = Duration.ofSeconds(10);

    private final Spool spool;
    private final Dispatcher dispatcher;
    private final PeriodicJobs periodic;
    private final DataSource dataSource;
    private final int workers;
    private final Wakeup wakeup = new Wakeup();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    SpoolWorkers(
            Spool spool,
            Dispatcher dispatcher,
            PeriodicJobs periodic,
            DataSource dataSource,
            @Value("${lastmile.billing.spool.workers:4}") int workers) {
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
        periodic.register();
        threads.add(Thread.ofPlatform().name("spool-listener").daemon().start(this::listen));
        for (int i = 1; i <= workers; i++) {
            threads.add(Thread.ofPlatform().name("spool-worker-" + i).daemon().start(this::work));
        }
        log.info("spool: {} workers started, listening on '{}'", workers, CHANNEL);
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            long seen = wakeup.generation();
            boolean ran;
            try {
                ran = spool.runOne();
            } catch (RuntimeException e) {
                log.warn("spool: a worker's round failed; trying again shortly", e);
                ran = false;
            }
            if (!ran) {
                wakeup.await(seen, IDLE);
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
                        if (spool.abandonStale() > 0) {
                            wakeup.wakeAll();
                        }
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
