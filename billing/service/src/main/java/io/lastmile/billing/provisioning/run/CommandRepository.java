package io.lastmile.billing.provisioning.run;

import io.lastmile.billing.sql.Jdbc;
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

    Optional<CommandContext.Task> task(long id) {
        return jdbc
                .query(
                        "SELECT t.id, t.kind, t.job, t.event, t.user_service_id, t.account_id, t.timeout_seconds,"
                                + " e.payload::text FROM spool_task t LEFT JOIN account_event e ON e.id ="
                                + " t.account_event_id WHERE t.id = ?",
                        p -> p.value(id),
                        r -> new CommandContext.Task(
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getObject(5, Long.class),
                                r.getObject(6, Long.class),
                                r.getInt(7),
                                json(r.getString(8))))
                .stream()
                .findFirst();
    }

    /** A binding's template, and its group when it names one instead of a server. */
    record Bound(CommandContext.Template template, Long groupId) {}

    Optional<Bound> template(long bindingId) {
        return jdbc
                .query(
                        "SELECT t.id, t.name, t.body, b.group_id FROM event_binding b JOIN template t ON t.id ="
                                + " b.template_id WHERE b.id = ?",
                        p -> p.value(bindingId),
                        r -> new Bound(
                                new CommandContext.Template(r.getLong(1), r.getString(2), r.getString(3)),
                                r.getObject(4, Long.class)))
                .stream()
                .findFirst();
    }

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
                        r -> new CommandContext.Server(
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getInt(5),
                                r.getString(6),
                                r.getString(7),
                                r.getBoolean(8),
                                json(r.getString(9))))
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
                        r -> new CommandContext.Service(
                                r.getLong(1),
                                r.getString(2),
                                Jdbc.instant(r, 3),
                                Jdbc.instant(r, 4),
                                json(r.getString(5)),
                                r.getLong(6),
                                r.getString(7),
                                r.getString(8),
                                json(r.getString(9))))
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
                        r -> new CommandContext.Account(
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                json(r.getString(6))))
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
