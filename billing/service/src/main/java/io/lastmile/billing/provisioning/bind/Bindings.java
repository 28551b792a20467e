package io.lastmile.billing.provisioning.bind;

import io.lastmile.billing.provisioning.CatalogChanged;
import io.lastmile.billing.sql.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The enabled bindings, held in memory: the charge run asks whether anything listens to PROLONGATE
 * for each service it prolongs. Reloaded after a change here and at least every {@link #MAX_AGE},
 * for changes made through another billing instance.
 */
@Component
public class Bindings {

    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final Jdbc jdbc;
    private volatile Snapshot snapshot;

    Bindings(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    /** Whether an enabled binding of {@code event} matches the category. */
    public boolean listens(String event, String category) {
        return current().all.stream().anyMatch(b -> b.event().equals(event) && b.matches(category));
    }

    /** The enabled bindings of {@code event} that match the category, in the order they run. */
    public List<Binding> matching(String event, String category) {
        return current().all.stream()
                .filter(b -> b.event().equals(event) && b.matches(category))
                .toList();
    }

    @EventListener
    void changed(CatalogChanged change) {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        // the wall clock, not billing's: a test clock's travel must not keep a stale cache
        Instant now = Instant.now(Clock.systemUTC());
        if (s == null || now.isAfter(s.loadedAt.plus(MAX_AGE)) || now.isBefore(s.loadedAt)) {
            s = new Snapshot(load(), now);
            snapshot = s;
        }
        return s;
    }

    private List<Binding> load() {
        return jdbc.query(
                "SELECT id, event, category_pattern, template_id, server_id, group_id, timeout_seconds, max_attempts,"
                        + " backoff_seconds, position FROM event_binding WHERE enabled ORDER BY position, id",
                p -> {},
                r -> new Binding(
                        r.getLong(1),
                        r.getString(2),
                        r.getString(3),
                        r.getLong(4),
                        r.getObject(5, Long.class),
                        r.getObject(6, Long.class),
                        r.getInt(7),
                        r.getInt(8),
                        r.getInt(9),
                        r.getInt(10)));
    }

    private record Snapshot(List<Binding> all, Instant loadedAt) {}
}
