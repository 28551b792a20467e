package io.lastmile.billing.provisioning.run;

import io.lastmile.billing.sql.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads what a command runs with: its binding's template, its server, its service and account. */
@Repository
class CommandRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Jdbc jdbc;

    CommandRepository(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    /** A command's task with all it runs with, whatever of it exists (a binding may be gone). */
    record Loaded(
            CommandContext.Task task,
            Bound bound,
            CommandContext.Service service,
            CommandContext.Account account,
            CommandContext.Server server) {}

    /**
     * {@link #task}, {@link #template}, {@link #service}, {@link #account} and the task's
     * {@link #server} in one statement: an attempt reads them all, and five round trips per task
     * were a good part of the spool's time.
     */
    Optional<Loaded> load(long taskId) {
        return loadAll(List.of(taskId)).stream().findFirst();
    }

    /**
     * {@link #load} of many tasks: the tasks with their services and accounts in one statement (row
     * by row through their keys), the catalog rows they name in three more. One statement joining
     * all nine tables cost PostgreSQL more to plan, each time, than to run.
     */
    List<Loaded> loadAll(List<Long> taskIds) {
        record Row(
                CommandContext.Task task,
                Long bindingId,
                Long serverId,
                ServiceRow service,
                CommandContext.Account account) {}
        List<Row> rows = jdbc.query(
                "SELECT t.id, t.kind, t.job, t.event, t.user_service_id, t.account_id, t.timeout_seconds,"
                        + " e.payload::text, t.binding_id, t.server_id, us.id, us.status, us.period_start,"
                        + " us.period_end, us.settings::text, us.service_id, a.id, a.contract, a.name, a.email, a.phone,"
                        + " a.settings::text FROM unnest(?::bigint[]) AS task(id)"
                        // OFFSET 0 keeps each lookup a lookup by key: flattened into joins, the plan
                        // cached while the tables were small (a seq scan and a hash) outlived their growth
                        + " JOIN LATERAL (SELECT * FROM spool_task WHERE id = task.id OFFSET 0) t ON true"
                        + " LEFT JOIN LATERAL (SELECT payload FROM account_event WHERE id = t.account_event_id OFFSET 0)"
                        + " e ON true"
                        + " LEFT JOIN LATERAL (SELECT * FROM user_service WHERE id = t.user_service_id OFFSET 0) us ON true"
                        + " LEFT JOIN LATERAL (SELECT * FROM account WHERE id = t.account_id OFFSET 0) a ON true",
                p -> p.bigints(taskIds),
                r -> new Row(
                        task(r, 1),
                        r.getObject(9, Long.class),
                        r.getObject(10, Long.class),
                        r.getObject(11) == null
                                ? null
                                : new ServiceRow(
                                        r.getLong(11),
                                        r.getString(12),
                                        Jdbc.instant(r, 13),
                                        Jdbc.instant(r, 14),
                                        json(r.getString(15)),
                                        r.getLong(16)),
                        r.getObject(17) == null ? null : account(r, 17)));
        Map<Long, Bound> bound = new HashMap<>();
        jdbc.query(
                "SELECT b.id, t.id, t.name, t.body, b.group_id FROM event_binding b JOIN template t ON t.id ="
                        + " b.template_id WHERE b.id = ANY(?)",
                p -> p.bigints(distinct(rows.stream().map(Row::bindingId))),
                r -> bound.put(r.getLong(1), new Bound(template(r, 2), r.getObject(5, Long.class))));
        Map<Long, CommandContext.Server> servers = new HashMap<>();
        jdbc.query(
                "SELECT id, name, transport, host, port, credentials_ref, host_key, enabled, settings::text"
                        + " FROM server WHERE id = ANY(?)",
                p -> p.bigints(distinct(rows.stream().map(Row::serverId))),
                r -> servers.put(r.getLong(1), server(r, 1)));
        Map<Long, Tariff> tariffs = new HashMap<>();
        jdbc.query(
                "SELECT id, name, category, settings::text FROM service WHERE id = ANY(?)",
                p -> p.bigints(distinct(
                        rows.stream().map(Row::service).filter(Objects::nonNull).map(ServiceRow::tariffId))),
                r -> tariffs.put(r.getLong(1), new Tariff(r.getString(2), r.getString(3), json(r.getString(4)))));
        return rows.stream()
                .map(row -> new Loaded(
                        row.task(),
                        row.bindingId() == null ? null : bound.get(row.bindingId()),
                        row.service() == null
                                ? null
                                : row.service().with(tariffs.get(row.service().tariffId())),
                        row.account(),
                        row.serverId() == null ? null : servers.get(row.serverId())))
                .toList();
    }

    /** A user service as read with its task, before its tariff's catalog row. */
    private record ServiceRow(
            long id,
            String status,
            Instant periodStart,
            Instant periodEnd,
            Map<String, Object> settings,
            long tariffId) {
        CommandContext.Service with(Tariff tariff) {
            return new CommandContext.Service(
                    id,
                    status,
                    periodStart,
                    periodEnd,
                    settings,
                    tariffId,
                    tariff.name(),
                    tariff.category(),
                    tariff.settings());
        }
    }

    /** The catalog row of a user service's tariff. */
    private record Tariff(String name, String category, Map<String, Object> settings) {}

    private static List<Long> distinct(java.util.stream.Stream<Long> ids) {
        return ids.filter(Objects::nonNull).distinct().toList();
    }

    private static CommandContext.Task task(ResultSet r, int c) throws SQLException {
        return new CommandContext.Task(
                r.getLong(c),
                r.getString(c + 1),
                r.getString(c + 2),
                r.getString(c + 3),
                r.getObject(c + 4, Long.class),
                r.getObject(c + 5, Long.class),
                r.getInt(c + 6),
                json(r.getString(c + 7)));
    }

    private static CommandContext.Template template(ResultSet r, int c) throws SQLException {
        return new CommandContext.Template(r.getLong(c), r.getString(c + 1), r.getString(c + 2));
    }

    private static CommandContext.Service service(ResultSet r, int c) throws SQLException {
        return new CommandContext.Service(
                r.getLong(c),
                r.getString(c + 1),
                Jdbc.instant(r, c + 2),
                Jdbc.instant(r, c + 3),
                json(r.getString(c + 4)),
                r.getLong(c + 5),
                r.getString(c + 6),
                r.getString(c + 7),
                json(r.getString(c + 8)));
    }

    private static CommandContext.Account account(ResultSet r, int c) throws SQLException {
        return new CommandContext.Account(
                r.getLong(c),
                r.getString(c + 1),
                r.getString(c + 2),
                r.getString(c + 3),
                r.getString(c + 4),
                json(r.getString(c + 5)));
    }

    private static CommandContext.Server server(ResultSet r, int c) throws SQLException {
        return new CommandContext.Server(
                r.getLong(c),
                r.getString(c + 1),
                r.getString(c + 2),
                r.getString(c + 3),
                r.getInt(c + 4),
                r.getString(c + 5),
                r.getString(c + 6),
                r.getBoolean(c + 7),
                json(r.getString(c + 8)));
    }

    /** A binding's template, and its group when it names one instead of a server. */
    record Bound(CommandContext.Template template, Long groupId) {}

    Optional<CommandContext.Template> templateById(long id) {
        return jdbc
                .query(
                        "SELECT id, name, body FROM template WHERE id = ?",
                        p -> p.value(id),
                        r -> new CommandContext.Template(r.getLong(1), r.getString(2), r.getString(3)))
                .stream()
                .findFirst();
    }

    Optional<CommandContext.Server> server(long id) {
        return jdbc
                .query(
                        "SELECT id, name, transport, host, port, credentials_ref, host_key, enabled, settings::text"
                                + " FROM server WHERE id = ?",
                        p -> p.value(id),
                        r -> server(r, 1))
                .stream()
                .findFirst();
    }

    Optional<CommandContext.Service> service(long userServiceId) {
        return jdbc
                .query(
                        "SELECT us.id, us.status, us.period_start, us.period_end, us.settings::text, s.id, s.name,"
                                + " s.category, s.settings::text FROM user_service us JOIN service s ON s.id ="
                                + " us.service_id WHERE us.id = ?",
                        p -> p.value(userServiceId),
                        r -> service(r, 1))
                .stream()
                .findFirst();
    }

    Optional<Long> serverOfService(long userServiceId) {
        return jdbc
                .query(
                        "SELECT server_id FROM user_service WHERE id = ?",
                        p -> p.value(userServiceId),
                        r -> r.getObject(1, Long.class))
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    Optional<Long> accountOfService(long userServiceId) {
        return jdbc
                .query(
                        "SELECT account_id FROM user_service WHERE id = ?",
                        p -> p.value(userServiceId),
                        r -> r.getLong(1))
                .stream()
                .findFirst();
    }

    Optional<CommandContext.Account> account(long accountId) {
        return jdbc
                .query(
                        "SELECT id, contract, name, email, phone, settings::text FROM account WHERE id = ?",
                        p -> p.value(accountId),
                        r -> account(r, 1))
                .stream()
                .findFirst();
    }

    /** Records a server chosen at run time, on the task and (if it had none) on its service. */
    void chose(long taskId, Long userServiceId, long serverId) {
        jdbc.update("UPDATE spool_task SET server_id = ? WHERE id = ?", p -> p.value(serverId)
                .value(taskId));
        if (userServiceId != null) {
            jdbc.update(
                    "UPDATE user_service SET server_id = ? WHERE id = ? AND server_id IS NULL",
                    p -> p.value(serverId).value(userServiceId));
        }
    }

    private static Map<String, Object> json(String text) {
        // most settings are empty: no parser for them (an attempt reads five)
        return text == null || text.equals("{}") ? Map.of() : JSON.readValue(text, SETTINGS);
    }

    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {};
}
