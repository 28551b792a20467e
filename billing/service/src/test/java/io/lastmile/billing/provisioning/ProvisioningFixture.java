package io.lastmile.billing.provisioning;

import org.jooq.DSLContext;
import org.springframework.context.ApplicationContext;

/**
 * Provisioning catalog rows for tests: templates, servers, groups and bindings inserted directly,
 * then the binding cache told, as the operator API does after a change.
 */
public final class ProvisioningFixture {

    private final ApplicationContext context;
    private final DSLContext db;

    public ProvisioningFixture(ApplicationContext context) {
        this.context = context;
        this.db = context.getBean(DSLContext.class);
    }

    public long template(String name, String body) {
        return id(db.fetchSingle(
                "INSERT INTO template (name, body, created_at, updated_at) VALUES (?, ?, now(), now()) RETURNING id",
                name,
                body));
    }

    public long group(String name, String strategy) {
        return id(db.fetchSingle(
                "INSERT INTO server_group (name, strategy, created_at) VALUES (?, ?, now()) RETURNING id",
                name,
                strategy));
    }

    /** An HTTP server at host:port, in the group if one is given. */
    public long httpServer(String name, String host, int port, Long groupId) {
        return server(name, "HTTP", host, port, groupId, null, null, "{}");
    }

    public long server(
            String name,
            String transport,
            String host,
            int port,
            Long groupId,
            String credentialsRef,
            String hostKey,
            String settingsJson) {
        return id(db.fetchSingle(
                "INSERT INTO server (name, group_id, transport, host, port, credentials_ref, host_key, settings,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), now()) RETURNING id",
                name,
                groupId,
                transport,
                host,
                port,
                credentialsRef,
                hostKey,
                settingsJson));
    }

    /** Binds {@code event} for categories like {@code pattern} to the template on a server or a group. */
    public long bind(
            String event,
            String pattern,
            long templateId,
            Long serverId,
            Long groupId,
            int position,
            int maxAttempts,
            int backoffSeconds) {
        long id = id(db.fetchSingle(
                "INSERT INTO event_binding (event, category_pattern, template_id, server_id, group_id, position,"
                        + " max_attempts, backoff_seconds, timeout_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?,"
                        + " ?, ?, 10, now()) RETURNING id",
                event,
                pattern,
                templateId,
                serverId,
                groupId,
                position,
                maxAttempts,
                backoffSeconds));
        changed();
        return id;
    }

    /** Tells the binding cache, as the operator API does after every change. */
    public void changed() {
        context.publishEvent(new CatalogChanged("test fixture"));
    }

    private static long id(org.jooq.Record r) {
        return r.get(0, Long.class);
    }
}
