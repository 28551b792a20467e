package io.lastmile.billing.provisioning.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.clock.MutableClock;
import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The spool's own rules, with a runner whose outcomes each test scripts (transports have their own tests). */
@Import(SpoolIT.Runners.class)
class SpoolIT extends BillingApiTestBase {

    /** What the runner answers per task, in order; a task with nothing scripted succeeds. */
    static final Map<Long, Deque<AttemptOutcome>> SCRIPT = new ConcurrentHashMap<>();
    /** How many times each task was run. */
    static final Map<Long, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    static final List<String> FINISHED = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Runners {
        @Bean
        @Primary
        TaskRunner scriptedRunner() {
            return (task, output) -> {
                int run = RUNS.computeIfAbsent(task.id(), id -> new AtomicInteger())
                        .incrementAndGet();
                output.line(OutputSink.Stream.STDOUT, "task " + task.id() + " run " + run);
                output.line(OutputSink.Stream.STDERR, "warning " + run);
                Deque<AttemptOutcome> script = SCRIPT.get(task.id());
                AttemptOutcome next = script == null ? null : script.poll();
                return next == null ? AttemptOutcome.success(0, "done") : next;
            };
        }

        @Bean
        SpoolListener recordingListener() {
            return ended -> ended.forEach(e -> FINISHED.add(e.task().id() + " " + e.status()));
        }
    }

    @Autowired
    Spool spool;

    @Autowired
    SpoolRepository repository;

    @Autowired
    DSLContext db;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void quietSpool() {
        db.execute(
                "UPDATE spool_task SET status = 'CANCELLED' WHERE status IN ('NEW', 'FAILED', 'RUNNING', 'WAITING')");
        clock.set(Instant.parse("2027-06-01T10:00:00Z"));
    }

    @Test
    void aTaskRunsOnceAndEveryLineOfItsOutputIsKept() {
        long id = add(5, 10);

        assertThat(spool.runOne()).isTrue();
        assertThat(spool.runOne()).isFalse();

        assertThat(status(id)).isEqualTo("SUCCESS");
        assertThat(RUNS.get(id)).hasValue(1);
        assertThat(attempts(id)).containsExactly("1 SUCCESS 0 done");
        assertThat(output(id)).containsExactly("1 STDOUT task " + id + " run 1", "2 STDERR warning 1");
        assertThat(FINISHED).contains(id + " SUCCESS");
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackoffWithJitter() {
        long id = add(5, 10);
        script(id, AttemptOutcome.retry(255, "connection refused"));

        assertThat(spool.runOne()).isTrue();
        assertThat(status(id)).isEqualTo("FAILED");
        Duration wait = Duration.between(clock.instant(), runAfter(id));
        assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        assertThat(spool.runOne()).as("not before its backoff").isFalse();

        clock.set(clock.instant().plus(wait));
        assertThat(spool.runOne()).isTrue();
        assertThat(status(id)).isEqualTo("SUCCESS");
        assertThat(attempts(id)).containsExactly("1 RETRY 255 connection refused", "2 SUCCESS 0 done");
    }

    @Test
    void retriesEndAfterTheLastAttemptAndTheTaskIsDead() {
        long id = add(3, 1);
        script(id, AttemptOutcome.retry(1, "down"), AttemptOutcome.retry(1, "down"), AttemptOutcome.retry(1, "down"));

        for (int attempt = 1; attempt <= 3; attempt++) {
            clock.set(clock.instant().plus(Duration.ofHours(2)));
            assertThat(spool.runOne()).isTrue();
        }
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        assertThat(spool.runOne()).as("no fourth attempt").isFalse();

        assertThat(status(id)).isEqualTo("DEAD");
        assertThat(RUNS.get(id)).hasValue(3);
        assertThat(FINISHED).contains(id + " DEAD");
    }

    @Test
    void anAttemptThatFoundItsServerBusyIsQueuedAgainSoonWithoutSpendingAnAttempt() {
        long id = add(1, 600);
        script(
                id,
                AttemptOutcome.busy("server 'vpn-1' already runs its 8 commands at once"),
                AttemptOutcome.success(0, "done"));

        assertThat(spool.runOne()).isTrue();
        assertThat(status(id)).as("its only attempt is not spent").isEqualTo("FAILED");
        Duration wait = Duration.between(clock.instant(), runAfter(id));
        assertThat(wait)
                .as("soon, not after its 600 s backoff")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));

        clock.set(clock.instant().plus(Duration.ofSeconds(3)));
        assertThat(spool.runOne()).isTrue();
        assertThat(status(id)).isEqualTo("SUCCESS");
        assertThat(attempts(id))
                .containsExactly("1 BUSY null server 'vpn-1' already runs its 8 commands at once", "2 SUCCESS 0 done");
    }

    @Test
    void anAnswerThatARetryCannotFixEndsTheTaskAtOnce() {
        long id = add(5, 1);
        script(id, AttemptOutcome.fail(404, "HTTP 404"));

        spool.runOne();
        clock.set(clock.instant().plus(Duration.ofHours(2)));

        assertThat(spool.runOne()).isFalse();
        assertThat(status(id)).isEqualTo("DEAD");
        assertThat(attempts(id)).containsExactly("1 FAIL 404 HTTP 404");
    }

    @Test
    void aTaskWhoseWorkerDiedIsTakenAgainAndEndsOnce() {
        long id = add(5, 10);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        var lost = tx.execute(s -> repository.take(clock.instant(), 1, Duration.ofSeconds(30)))
                .getFirst();

        clock.set(clock.instant().plus(Duration.ofSeconds(10)));
        assertThat(spool.abandonStale()).as("still within its timeout").isZero();
        clock.set(clock.instant().plus(Duration.ofSeconds(60)));
        assertThat(spool.abandonStale()).isEqualTo(1);
        assertThat(spool.runOne()).isTrue();
        assertThat(status(id)).isEqualTo("SUCCESS");

        // the first worker comes back late: its result changes nothing
        var late = tx.execute(s -> repository.finish(
                List.of(new SpoolRepository.Ending(
                        lost.task(), lost.attemptId(), AttemptOutcome.success(0, "late"), Duration.ZERO)),
                clock.instant()));
        assertThat(late).isEmpty();
        assertThat(status(id)).isEqualTo("SUCCESS");
        assertThat(attempts(id))
                .containsExactly("1 RETRY null interrupted: the worker stopped during the attempt", "2 SUCCESS 0 done");
        assertThat(FINISHED.stream().filter(f -> f.equals(id + " SUCCESS"))).hasSize(1);
    }

    @Test
    void aBatchIsTakenTogetherAndEndsTogetherEachTaskByItsOwnOutcome() {
        long ok1 = add(5, 10);
        long retried = add(5, 10);
        long failed = add(5, 10);
        long ok2 = add(5, 10);
        script(retried, AttemptOutcome.retry(503, "HTTP 503"));
        script(failed, AttemptOutcome.fail(404, "HTTP 404"));

        List<SpoolRepository.Taken> taken = spool.take(10);
        assertThat(taken).extracting(t -> t.task().id()).containsExactlyInAnyOrder(ok1, retried, failed, ok2);
        assertThat(spool.take(10)).as("all are held").isEmpty();
        spool.finish(taken.stream().map(spool::attempt).toList());

        assertThat(status(ok1)).isEqualTo("SUCCESS");
        assertThat(status(ok2)).isEqualTo("SUCCESS");
        assertThat(status(retried)).isEqualTo("FAILED");
        assertThat(status(failed)).isEqualTo("DEAD");
        assertThat(attempts(retried)).containsExactly("1 RETRY 503 HTTP 503");
        assertThat(FINISHED).contains(ok1 + " SUCCESS", ok2 + " SUCCESS", failed + " DEAD");
        assertThat(FINISHED).noneMatch(f -> f.startsWith(retried + " "));
        for (long id : List.of(ok1, retried, failed, ok2)) {
            assertThat(db.fetchSingle(
                                    "SELECT count(*) FROM spool_output o JOIN spool_attempt a ON a.id = o.attempt_id"
                                            + " WHERE a.task_id = ?",
                                    id)
                            .get(0, Integer.class))
                    .as("both lines of task %d", id)
                    .isEqualTo(2);
        }
    }

    @Test
    void aTaskWhoseWorkerDiedOnItsLastAttemptIsDeadAndItsListenersHearIt() {
        long id = add(1, 10);
        new TransactionTemplate(transactions).execute(s -> repository.take(clock.instant(), 1, Duration.ofSeconds(30)));

        clock.set(clock.instant().plus(Duration.ofHours(1)));
        assertThat(spool.abandonStale()).isEqualTo(1);

        assertThat(status(id)).isEqualTo("DEAD");
        assertThat(attempts(id)).containsExactly("1 RETRY null interrupted: the worker stopped during the attempt");
        assertThat(FINISHED).contains(id + " DEAD");
        assertThat(spool.abandonStale()).as("given up once").isZero();
    }

    @Test
    void twoWorkersNeverRunTheSameTask() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(add(5, 10));
        }
        try (ExecutorService workers = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                done.add(workers.submit(() -> {
                    int n = 0;
                    while (spool.runOne()) {
                        n++;
                    }
                    return n;
                }));
            }
            assertThat(done.get(0).get() + done.get(1).get()).isEqualTo(40);
        }
        for (long id : ids) {
            assertThat(RUNS.get(id)).as("task %d", id).hasValue(1);
            assertThat(status(id)).isEqualTo("SUCCESS");
        }
    }

    private long add(int maxAttempts, int backoffSeconds) {
        return spool.add(
                new NewTask("COMMAND", null, null, "CREATE", null, null, false, 0, maxAttempts, backoffSeconds, 30));
    }

    private static void script(long id, AttemptOutcome... outcomes) {
        SCRIPT.put(id, new ConcurrentLinkedDeque<>(List.of(outcomes)));
    }

    private String status(long id) {
        return db.fetchSingle("SELECT status FROM spool_task WHERE id = ?", id).get(0, String.class);
    }

    private Instant runAfter(long id) {
        return db.fetchSingle("SELECT run_after FROM spool_task WHERE id = ?", id)
                .get(0, OffsetDateTime.class)
                .toInstant();
    }

    private List<String> attempts(long id) {
        return db.fetch(
                        "SELECT number, outcome, exit_status, message FROM spool_attempt WHERE task_id = ? ORDER BY number",
                        id)
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3));
    }

    private List<String> output(long id) {
        return db.fetch(
                        "SELECT o.line_no, o.stream, o.text FROM spool_output o JOIN spool_attempt a ON a.id = o.attempt_id"
                                + " WHERE a.task_id = ? ORDER BY a.number, o.line_no",
                        id)
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2));
    }
}
