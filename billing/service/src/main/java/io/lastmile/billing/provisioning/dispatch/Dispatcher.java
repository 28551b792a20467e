package io.lastmile.billing.provisioning.dispatch;

import io.lastmile.billing.provisioning.bind.Binding;
import io.lastmile.billing.provisioning.bind.Bindings;
import io.lastmile.billing.sql.Jdbc;
import io.lastmile.billing.subscription.ProvisioningResults;
import java.sql.Array;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Empties the event outbox into the spool: each PENDING event becomes one task per matching binding
 * (in the bindings' order, each after the one before), and is marked DONE in the same transaction,
 * so an event is never lost and never queued twice. A service's tasks run in the order of its
 * events, and a bundle parent's after its children's. One dispatcher at a time (an advisory lock),
 * so events are queued in the order they happened even with several billing instances.
 */
@Component
public class Dispatcher {

    public static final int BATCH_SIZE = 500;
    private static final long LOCK_KEY = 0x6c6d_7370_6f6f_6cL;
    private static final String OPEN = "('SUCCESS', 'SKIPPED', 'CANCELLED')";

    private final Jdbc jdbc;
    private final TransactionTemplate transaction;
    private final Bindings bindings;
    private final ServerChoice servers;
    private final ProvisioningResults results;
    private final Clock clock;

    Dispatcher(
            DSLContext db,
            PlatformTransactionManager transactions,
            Bindings bindings,
            ServerChoice servers,
            ProvisioningResults results,
            Clock clock) {
        this.jdbc = new Jdbc(db);
        this.transaction = new TransactionTemplate(transactions);
        this.bindings = bindings;
        this.servers = servers;
        this.results = results;
        this.clock = clock;
    }

    /** Dispatches a batch of pending events; answers how many (0 when none, or another instance is at it). */
    public int dispatchBatch() {
        Integer n = transaction.execute(tx -> {
            if (!jdbc.query("SELECT pg_try_advisory_xact_lock(?)", p -> p.value(LOCK_KEY), r -> r.getBoolean(1))
                    .getFirst()) {
                return 0;
            }
            return serviceEvents() + accountEvents();
        });
        return n == null ? 0 : n;
    }

    record ServiceEvent(
            long id,
            long userServiceId,
            long accountId,
            String event,
            List<Long> after,
            String statusTo,
            String category,
            String status,
            Long serverId,
            Long provisioningEventId) {}

    private int serviceEvents() {
        List<ServiceEvent> events = jdbc.query(
                "SELECT e.id, e.user_service_id, e.account_id, e.event, e.after_event_ids, e.status_to, s.category,"
                        + " us.status, us.server_id, us.provisioning_event_id FROM user_service_event e"
                        + " JOIN user_service us ON us.id = e.user_service_id JOIN service s ON s.id = us.service_id"
                        + " WHERE e.dispatch = 'PENDING' ORDER BY e.id LIMIT ?",
                p -> p.value(BATCH_SIZE),
                r -> new ServiceEvent(
                        r.getLong(1),
                        r.getLong(2),
                        r.getLong(3),
                        r.getString(4),
                        longs(r.getArray(5)),
                        r.getString(6),
                        r.getString(7),
                        r.getString(8),
                        r.getObject(9, Long.class),
                        r.getObject(10, Long.class)));
        AccountLocks locks = new AccountLocks();
        List<Long> done = new ArrayList<>();
        List<Long> settle = new ArrayList<>();
        for (ServiceEvent e : events) {
            if (!locks.take(e.accountId())) {
                continue;
            }
            int queued = queue(e);
            done.add(e.id());
            if (queued == 0 && Long.valueOf(e.id()).equals(e.provisioningEventId())) {
                settle.add(e.userServiceId());
            }
        }
        markDone("user_service_event", done);
        settle.forEach(id -> results.settle(id, ProvisioningResults.SPOOL_ACTOR));
        return done.size();
    }

    private int queue(ServiceEvent e) {
        if (e.status().equals("REMOVED") && !"REMOVED".equals(e.statusTo())) {
            // the service ended before its event was dispatched: its commands are moot
            return 0;
        }
        List<Binding> matching = bindings.matching(e.event(), e.category());
        if (matching.isEmpty()) {
            return 0;
        }
        // two indexed lookups, not one OR that PostgreSQL would answer by reading the whole table
        List<Long> waits = new ArrayList<>(jdbc.query(
                "SELECT id FROM spool_task WHERE user_service_id = ? AND status NOT IN " + OPEN,
                p -> p.value(e.userServiceId()),
                r -> r.getLong(1)));
        if (!e.after().isEmpty()) {
            waits.addAll(jdbc.query(
                    "SELECT id FROM spool_task WHERE event_id = ANY(?) AND status NOT IN " + OPEN,
                    p -> p.bigints(e.after()),
                    r -> r.getLong(1)));
        }
        Long serverOfService = e.serverId();
        for (Binding b : matching) {
            Long server = b.serverId();
            if (server == null && b.groupId() != null) {
                if (serverOfService != null && servers.inGroup(serverOfService, b.groupId())) {
                    server = serverOfService;
                } else {
                    server = servers.choose(b.groupId()).orElse(null);
                    if (server != null && serverOfService == null) {
                        recordServer(e.userServiceId(), server);
                        serverOfService = server;
                    }
                }
            }
            long task = insertTask(b, e.userServiceId(), e.accountId(), e.id(), null, e.event(), server, waits);
            waits = List.of(task);
        }
        return matching.size();
    }

    private int accountEvents() {
        record AccountEvent(long id, long accountId, String event) {}
        List<AccountEvent> events = jdbc.query(
                "SELECT id, account_id, event FROM account_event WHERE dispatch = 'PENDING' ORDER BY id LIMIT ?",
                p -> p.value(BATCH_SIZE),
                r -> new AccountEvent(r.getLong(1), r.getLong(2), r.getString(3)));
        List<Long> done = new ArrayList<>();
        for (AccountEvent e : events) {
            List<Long> waits = List.of();
            for (Binding b : bindings.matching(e.event(), null)) {
                Long server = b.serverId() != null
                        ? b.serverId()
                        : b.groupId() == null
                                ? null
                                : servers.choose(b.groupId()).orElse(null);
                waits = List.of(insertTask(b, null, e.accountId(), null, e.id(), e.event(), server, waits));
            }
            done.add(e.id());
        }
        markDone("account_event", done);
        return done.size();
    }

    private long insertTask(
            Binding b,
            Long userServiceId,
            long accountId,
            Long eventId,
            Long accountEventId,
            String event,
            Long serverId,
            List<Long> waits) {
        long id = jdbc.query(
                        "INSERT INTO spool_task (kind, user_service_id, account_id, event_id, account_event_id, event,"
                                + " binding_id, server_id, status, max_attempts, policy_attempts, backoff_seconds,"
                                + " timeout_seconds, run_after, created_at, updated_at) VALUES ('COMMAND', ?, ?, ?, ?,"
                                + " ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz) RETURNING id",
                        p -> p.value(userServiceId)
                                .value(accountId)
                                .value(eventId)
                                .value(accountEventId)
                                .value(event)
                                .value(b.id())
                                .value(serverId)
                                .value(waits.isEmpty() ? "NEW" : "WAITING")
                                .value(b.maxAttempts())
                                .value(b.maxAttempts())
                                .value(b.backoffSeconds())
                                .value(b.timeoutSeconds())
                                .instant(clock.instant())
                                .instant(clock.instant())
                                .instant(clock.instant()),
                        r -> r.getLong(1))
                .getFirst();
        if (!waits.isEmpty()) {
            jdbc.update(
                    "INSERT INTO spool_wait (task_id, waits_for) SELECT ?, w FROM unnest(?::bigint[]) AS w",
                    p -> p.value(id).bigints(waits));
        }
        return id;
    }

    private void recordServer(long userServiceId, long serverId) {
        jdbc.update("UPDATE user_service SET server_id = ? WHERE id = ? AND server_id IS NULL", p -> p.value(serverId)
                .value(userServiceId));
    }

    private void markDone(String table, List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("UPDATE " + table + " SET dispatch = 'DONE' WHERE id = ANY(?)", p -> p.bigints(ids));
        }
    }

    private static List<Long> longs(Array array) throws java.sql.SQLException {
        if (array == null) {
            return List.of();
        }
        List<Long> values = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            values.add(((Number) o).longValue());
        }
        return values;
    }

    /**
     * Account locks taken without waiting: an account a subscriber's request holds is left for the
     * next round (with all its later events, so a service's events keep their order), and the
     * dispatcher never waits on a lock while holding others.
     */
    private final class AccountLocks {
        private final Set<Long> held = new HashSet<>();
        private final Set<Long> busy = new HashSet<>();

        boolean take(long accountId) {
            if (held.contains(accountId)) {
                return true;
            }
            if (busy.contains(accountId)) {
                return false;
            }
            boolean got = !jdbc.query(
                            "SELECT id FROM account WHERE id = ? FOR UPDATE SKIP LOCKED",
                            p -> p.value(accountId),
                            r -> r.getLong(1))
                    .isEmpty();
            (got ? held : busy).add(accountId);
            return got;
        }
    }
}
