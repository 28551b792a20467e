package io.lastmile.billing.provisioning.dispatch;

import io.lastmile.billing.provisioning.bind.Binding;
import io.lastmile.billing.provisioning.bind.Bindings;
import io.lastmile.billing.sql.Jdbc;
import io.lastmile.billing.subscription.ProvisioningResults;
import java.sql.Array;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * The batch's service events whose account is free: their services' open tasks and those of the
     * events they come after are read in two statements, all their tasks written in three.
     */
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
        if (events.isEmpty()) {
            return 0;
        }
        Set<Long> held =
                lockAccounts(events.stream().map(ServiceEvent::accountId).toList());
        List<ServiceEvent> ready =
                events.stream().filter(e -> held.contains(e.accountId())).toList();
        Map<Long, List<Long>> openOfService = openTasks(
                "user_service_id",
                ready.stream().map(ServiceEvent::userServiceId).toList());
        Map<Long, List<Long>> openOfEvent = openTasks(
                "event_id", ready.stream().flatMap(e -> e.after().stream()).toList());
        List<List<Binding>> commands = ready.stream().map(this::commands).toList();
        NewTasks queue = new NewTasks(commands.stream().mapToInt(List::size).sum());
        List<Long> settle = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            ServiceEvent e = ready.get(i);
            List<Long> waits = new ArrayList<>(openOfService.getOrDefault(e.userServiceId(), List.of()));
            e.after().forEach(a -> waits.addAll(openOfEvent.getOrDefault(a, List.of())));
            List<Long> queued = queue(e, commands.get(i), waits, queue);
            openOfService
                    .computeIfAbsent(e.userServiceId(), k -> new ArrayList<>())
                    .addAll(queued);
            openOfEvent.put(e.id(), queued);
            if (queued.isEmpty() && Long.valueOf(e.id()).equals(e.provisioningEventId())) {
                settle.add(e.userServiceId());
            }
        }
        queue.write();
        markDone("user_service_event", ready.stream().map(ServiceEvent::id).toList());
        results.settleAll(settle, ProvisioningResults.SPOOL_ACTOR);
        return ready.size();
    }

    /** The bindings whose commands an event raises; none if its service ended before it was dispatched. */
    private List<Binding> commands(ServiceEvent e) {
        if (e.status().equals("REMOVED") && !"REMOVED".equals(e.statusTo())) {
            return List.of(); // its commands are moot
        }
        return bindings.matching(e.event(), e.category());
    }

    /** Queues the event's commands, each after the one before; answers their task ids. */
    private List<Long> queue(ServiceEvent e, List<Binding> commands, List<Long> waits, NewTasks queue) {
        List<Long> queued = new ArrayList<>();
        Long serverOfService = e.serverId();
        for (Binding b : commands) {
            Long server = b.serverId();
            if (server == null && b.groupId() != null) {
                if (serverOfService != null && servers.inGroup(serverOfService, b.groupId())) {
                    server = serverOfService;
                } else {
                    server = servers.choose(b.groupId()).orElse(null);
                    if (server != null && serverOfService == null) {
                        // at once, so that the next choice of this batch counts it
                        recordServer(e.userServiceId(), server);
                        serverOfService = server;
                    }
                }
            }
            long task = queue.add(b, e.userServiceId(), e.accountId(), e.id(), null, e.event(), server, waits);
            queued.add(task);
            waits = List.of(task);
        }
        return queued;
    }

    private int accountEvents() {
        record AccountEvent(long id, long accountId, String event) {}
        List<AccountEvent> events = jdbc.query(
                "SELECT id, account_id, event FROM account_event WHERE dispatch = 'PENDING' ORDER BY id LIMIT ?",
                p -> p.value(BATCH_SIZE),
                r -> new AccountEvent(r.getLong(1), r.getLong(2), r.getString(3)));
        List<List<Binding>> commands =
                events.stream().map(e -> bindings.matching(e.event(), null)).toList();
        NewTasks queue = new NewTasks(commands.stream().mapToInt(List::size).sum());
        for (int i = 0; i < events.size(); i++) {
            AccountEvent e = events.get(i);
            List<Long> waits = List.of();
            for (Binding b : commands.get(i)) {
                Long server = b.serverId() != null
                        ? b.serverId()
                        : b.groupId() == null
                                ? null
                                : servers.choose(b.groupId()).orElse(null);
                waits = List.of(queue.add(b, null, e.accountId(), null, e.id(), e.event(), server, waits));
            }
        }
        queue.write();
        markDone("account_event", events.stream().map(AccountEvent::id).toList());
        return events.size();
    }

    /**
     * Account locks taken without waiting, in one statement: an account a subscriber's request holds
     * is left for the next round (with all its later events, so a service's events keep their
     * order), and the dispatcher never waits on a lock while holding others.
     */
    private Set<Long> lockAccounts(List<Long> accountIds) {
        return new HashSet<>(jdbc.query(
                "SELECT id FROM account WHERE id = ANY(?) ORDER BY id FOR UPDATE SKIP LOCKED",
                p -> p.bigints(accountIds.stream().distinct().toList()),
                r -> r.getLong(1)));
    }

    /** The tasks not done yet, by {@code column} (a service or an event), in one indexed look. */
    private Map<Long, List<Long>> openTasks(String column, List<Long> keys) {
        Map<Long, List<Long>> open = new HashMap<>();
        if (!keys.isEmpty()) {
            jdbc.query(
                    "SELECT " + column + ", id FROM spool_task WHERE " + column + " = ANY(?) AND status NOT IN " + OPEN
                            + " ORDER BY id",
                    p -> p.bigints(keys.stream().distinct().toList()),
                    r -> open.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                            .add(r.getLong(2)));
        }
        return open;
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
     * The tasks of one dispatch, written together: ids drawn up front (a command waits for the one
     * before it, so ids are needed before the rows exist), then the rows and their waits in one
     * statement each.
     */
    private final class NewTasks {
        private static final String[] TYPES = {
            "bigint", "bigint", "bigint", "bigint", "bigint", "text", "bigint", "bigint", "text", "int4", "int4", "int4"
        };
        private final List<Long> ids;
        private final List<Object[]> rows = new ArrayList<>();
        private final List<Long> waitTask = new ArrayList<>();
        private final List<Long> waitFor = new ArrayList<>();

        NewTasks(int count) {
            this.ids = count == 0
                    ? List.of()
                    : jdbc.query(
                            "SELECT nextval(pg_get_serial_sequence('spool_task', 'id')) FROM generate_series(1, ?)",
                            p -> p.value(count),
                            r -> r.getLong(1));
        }

        long add(
                Binding b,
                Long userServiceId,
                long accountId,
                Long eventId,
                Long accountEventId,
                String event,
                Long serverId,
                List<Long> waits) {
            long id = ids.get(rows.size());
            rows.add(new Object[] {
                id,
                userServiceId,
                accountId,
                eventId,
                accountEventId,
                event,
                b.id(),
                serverId,
                waits.isEmpty() ? "NEW" : "WAITING",
                b.maxAttempts(),
                b.backoffSeconds(),
                b.timeoutSeconds()
            });
            for (Long w : waits) {
                waitTask.add(id);
                waitFor.add(w);
            }
            return id;
        }

        void write() {
            if (rows.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            jdbc.update(
                    "INSERT INTO spool_task (id, kind, user_service_id, account_id, event_id, account_event_id, event,"
                            + " binding_id, server_id, status, max_attempts, policy_attempts, backoff_seconds,"
                            + " timeout_seconds, run_after, created_at, updated_at) OVERRIDING SYSTEM VALUE"
                            + " SELECT id, 'COMMAND', us, acc, ev, aev, name, bnd, srv, st, att, att, bo, tmo,"
                            + " ?::timestamptz, ?::timestamptz, ?::timestamptz FROM unnest(?::bigint[], ?::bigint[],"
                            + " ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],"
                            + " ?::int[], ?::int[], ?::int[]) AS t(id, us, acc, ev, aev, name, bnd, srv, st, att, bo, tmo)"
                            + " ORDER BY id",
                    p -> {
                        p.instant(now).instant(now).instant(now);
                        for (int c = 0; c < TYPES.length; c++) {
                            int column = c;
                            p.array(TYPES[c], rows.stream().map(r -> r[column]).toArray());
                        }
                    });
            if (!waitTask.isEmpty()) {
                jdbc.update(
                        "INSERT INTO spool_wait (task_id, waits_for) SELECT * FROM unnest(?::bigint[], ?::bigint[])",
                        p -> p.bigints(waitTask).bigints(waitFor));
            }
        }
    }
}
