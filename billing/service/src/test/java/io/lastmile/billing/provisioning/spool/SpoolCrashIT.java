package io.lastmile.billing.provisioning.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.PostgresExtension.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "billing killed mid-task and restarted: the task is finished exactly once", with real processes:
 * billing runs as its own JVM with spool workers on, is killed with SIGKILL while its command
 * hangs at the operator's endpoint, and a second billing on the same database gives the task up
 * as abandoned once its hold runs out, takes it again and finishes it. The database is this
 * class's own (PostgresExtension), so no other test's rows are in the way.
 */
@ExtendWith(PostgresExtension.class)
class SpoolCrashIT {

    private static final Path LOGS = Path.of("target", "spool-crash");
    private static final int TIMEOUT_SECONDS = 2;
    /** Start-up of a billing JVM on two shared cores, Flyway included. */
    private static final Duration START_UP = Duration.ofSeconds(120);
    /** The hold (timeout + grace, up to 30 s before grace-seconds exists) plus a 10 s round of the listener. */
    private static final Duration TAKE_OVER = Duration.ofSeconds(90);

    @Test
    void aTaskWhoseBillingWasKilledMidAttemptIsFinishedOnceByTheNextBilling(TestDatabase database) throws Exception {
        DSLContext db = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        List<BillingProcess> started = new ArrayList<>();
        try (HangingEndpoint endpoint = new HangingEndpoint()) {
            Queued queued = queueCreate(db, endpoint.port());
            try {
                long begin = System.nanoTime();
                BillingProcess first = start("first", database, started);
                awaitFirstRequest(endpoint, first);
                long killedAt = System.nanoTime();
                assertThat(first.kill()).as("exit status after SIGKILL").isEqualTo(137);

                assertThat(task(db, queued))
                        .as("the killed attempt still holds the task")
                        .isEqualTo("RUNNING 1");
                System.out.printf(
                        "spool crash: first command after %.1f s; the task is held %s s past its take%n",
                        seconds(begin, killedAt), held(db, queued));

                BillingProcess second = start("second", database, started);
                awaitActive(db, queued, second);
                System.out.printf(
                        "spool crash: service ACTIVE %.1f s after the kill%n", seconds(killedAt, System.nanoTime()));

                assertFinishedOnce(db, queued, endpoint);
            } catch (Throwable t) {
                started.forEach(p -> System.err.println(p.tail(80)));
                throw t;
            } finally {
                for (BillingProcess p : started) {
                    p.close();
                }
            }
        }
    }

    private static void assertFinishedOnce(DSLContext db, Queued queued, HangingEndpoint endpoint) {
        assertThat(task(db, queued))
                .as("one task, SUCCESS on its second attempt")
                .isEqualTo("SUCCESS 2");
        List<String> attempts = db.fetch(
                        "SELECT a.number || ' ' || coalesce(a.outcome, 'OPEN') || ' ' || coalesce(a.message, '')"
                                + " FROM spool_attempt a JOIN spool_task t ON t.id = a.task_id"
                                + " WHERE t.user_service_id = ? ORDER BY a.number",
                        queued.service())
                .getValues(0, String.class);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0)).startsWith("1 RETRY ").contains("interrupted");
        assertThat(attempts.get(1)).startsWith("2 SUCCESS");
        assertThat(count(
                        db,
                        "SELECT count(*) FROM user_service_event WHERE user_service_id = ? AND status_to = 'ACTIVE'",
                        queued.service()))
                .as("the service became ACTIVE once")
                .isEqualTo(1);
        // at least once: the killed attempt did reach the endpoint, so the command came twice
        assertThat(endpoint.requests())
                .containsExactly("POST /vpn/" + queued.service(), "POST /vpn/" + queued.service());
        assertThat(db.fetchValue("SELECT dispatch FROM user_service_event WHERE id = ?", queued.event()))
                .isEqualTo("DONE");
        assertThat(count(db, "SELECT count(*) FROM spool_task WHERE event_id = ?", queued.event()))
                .as("the CREATE event dispatched into one task")
                .isEqualTo(1);
    }

    private static BillingProcess start(String name, TestDatabase database, List<BillingProcess> started)
            throws Exception {
        BillingProcess billing = BillingProcess.start(
                name,
                LOGS,
                Map.of(
                        "spring.datasource.url",
                        database.jdbcUrl(),
                        "spring.datasource.username",
                        database.user(),
                        "spring.datasource.password",
                        database.password(),
                        "lastmile.billing.spool.workers",
                        "2",
                        // a RUNNING task counts as abandoned right after its command's timeout
                        "lastmile.billing.spool.grace-seconds",
                        "0",
                        "lastmile.billing.test-clock.enabled",
                        "false",
                        "lastmile.billing.subscriptions.clock.enabled",
                        "false",
                        "lastmile.billing.secrets.key-file",
                        LOGS.resolve("secret.key").toString()));
        started.add(billing);
        return billing;
    }

    private static void awaitFirstRequest(HangingEndpoint endpoint, BillingProcess billing) throws Exception {
        long deadline = System.nanoTime() + START_UP.toNanos();
        while (!endpoint.awaitFirst(Duration.ofMillis(200))) {
            if (!billing.isAlive()) {
                fail("the first billing exited before its command reached the endpoint");
            }
            if (System.nanoTime() > deadline) {
                fail("no command reached the endpoint within " + START_UP);
            }
        }
    }

    private static void awaitActive(DSLContext db, Queued queued, BillingProcess billing) throws Exception {
        long deadline = System.nanoTime() + TAKE_OVER.toNanos();
        while (!"ACTIVE".equals(db.fetchValue("SELECT status FROM user_service WHERE id = ?", queued.service()))) {
            if (!billing.isAlive()) {
                fail("the second billing exited; the task stands at " + task(db, queued));
            }
            if (System.nanoTime() > deadline) {
                fail("the service is not ACTIVE within " + TAKE_OVER + "; the task stands at " + task(db, queued));
            }
            Thread.sleep(250);
        }
    }

    /**
     * A VPN service whose CREATE sends one HTTP command to the endpoint (timeout 2 s, 3 attempts,
     * backoff 1 s), and one subscriber's service of it in PROGRESS with its CREATE event in the
     * outbox, as an order leaves it.
     */
    private static Queued queueCreate(DSLContext db, int port) {
        return db.transactionResult(tx -> {
            DSLContext sql = tx.dsl();
            sql.execute("INSERT INTO service (name, category, currency, period, charge_mode, orderable, created_at,"
                    + " updated_at) VALUES ('VPN', 'vpn', 'RUB', 'P1M', 'PERIOD', true, now(), now())");
            sql.execute(
                    "INSERT INTO template (name, body, created_at, updated_at) VALUES ('vpn-create', ?, now(), now())",
                    "POST /vpn/{{ us.id }}\nContent-Type: application/json\n\n{\"user\": \"{{ user.contract }}\"}");
            sql.execute(
                    "INSERT INTO server (name, transport, host, port, created_at, updated_at)"
                            + " VALUES ('vpn-1', 'HTTP', '127.0.0.1', ?, now(), now())",
                    port);
            sql.execute(
                    "INSERT INTO event_binding (event, category_pattern, template_id, server_id, max_attempts,"
                            + " backoff_seconds, timeout_seconds, created_at)"
                            + " SELECT 'CREATE', 'vpn', t.id, s.id, 3, 1, ?, now() FROM template t, server s",
                    TIMEOUT_SECONDS);
            long account = id(sql.fetchSingle("INSERT INTO account (contract, name, currency, balance, created_at,"
                    + " updated_at) VALUES ('S0000001', 'Subscriber 1', 'RUB', 0, now(), now()) RETURNING id"));
            long service = id(sql.fetchSingle(
                    "INSERT INTO user_service (account_id, service_id, status, created_at, updated_at)"
                            + " SELECT ?, id, 'PROGRESS', now(), now() FROM service RETURNING id",
                    account));
            long event = id(sql.fetchSingle(
                    "INSERT INTO user_service_event (user_service_id, account_id, event, status_from, status_to,"
                            + " actor, created_at, dispatch) VALUES (?, ?, 'CREATE', 'INIT', 'PROGRESS', 'test',"
                            + " now(), 'PENDING') RETURNING id",
                    service,
                    account));
            sql.execute("UPDATE user_service SET provisioning_event_id = ? WHERE id = ?", event, service);
            return new Queued(service, event);
        });
    }

    /** "STATUS attempts" of the service's one task, or what tasks it has if not exactly one. */
    private static String task(DSLContext db, Queued queued) {
        List<String> tasks = db.fetch(
                        "SELECT status || ' ' || attempts FROM spool_task WHERE user_service_id = ? ORDER BY id",
                        queued.service())
                .getValues(0, String.class);
        return tasks.size() == 1 ? tasks.getFirst() : tasks.toString();
    }

    /** Seconds from the take of attempt 1 to the end of the task's hold (its timeout plus the grace). */
    private static Object held(DSLContext db, Queued queued) {
        return db.fetchValue(
                "SELECT extract(epoch FROM t.locked_until - a.started_at) FROM spool_task t"
                        + " JOIN spool_attempt a ON a.task_id = t.id AND a.number = 1 WHERE t.user_service_id = ?",
                queued.service());
    }

    private static long count(DSLContext db, String query, Object... bindings) {
        return db.fetchValue(query, bindings) instanceof Number n ? n.longValue() : -1;
    }

    private static long id(org.jooq.Record r) {
        return r.get(0, Long.class);
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    /** The queued service and its CREATE event. */
    private record Queued(long service, long event) {}
}
