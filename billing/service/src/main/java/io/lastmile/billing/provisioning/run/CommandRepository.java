package io.lastmile.billing.provisioning.run;

import io.lastmile.billing.sql.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
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
        return jdbc
                .query(
                        "SELECT t.id, t.kind, t.job, t.event, t.user_service_id, t.account_id, t.timeout_seconds,"
                                + " e.payload::text, tp.id, tp.name, tp.body, b.group_id,"
                                + " us.id, us.status, us.period_start, us.period_end, us.settings::text, s.id, s.name,"
                                + " s.category, s.settings::text, a.id, a.contract, a.name, a.email, a.phone,"
                                + " a.settings::text, sv.id, sv.name, sv.transport, sv.host, sv.port, sv.credentials_ref,"
                                + " sv.host_key, sv.enabled, sv.settings::text FROM spool_task t"
                                + " LEFT JOIN account_event e ON e.id = t.account_event_id"
                                + " LEFT JOIN event_binding b ON b.id = t.binding_id"
                                + " LEFT JOIN template tp ON tp.id = b.template_id"
                                + " LEFT JOIN user_service us ON us.id = t.user_service_id"
                                + " LEFT JOIN service s ON s.id = us.service_id"
                                + " LEFT JOIN account a ON a.id = t.account_id"
                                + " LEFT JOIN server sv ON sv.id = t.server_id WHERE t.id = ?",
                        p -> p.value(taskId),
                        r -> new Loaded(
                                task(r, 1),
                                r.getObject(9) == null ? null : new Bound(template(r, 9), r.getObject(12, Long.class)),
                                r.getObject(13) == null ? null : service(r, 13),
                                r.getObject(22) == null ? null : account(r, 22),
                                r.getObject(28) == null ? null : server(r, 28)))
                .stream()
                .findFirst();
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
        return text == null ? Map.of() : JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
    }
}
