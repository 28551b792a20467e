package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.api.provisioning.BindingRequest;
import io.lastmile.billing.api.provisioning.BindingView;
import io.lastmile.billing.db.tables.records.EventBindingRecord;
import io.lastmile.billing.provisioning.CatalogChanged;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Event bindings: which template runs where when an event happens to services of some categories. */
@Service
class BindingAdmin {

    static final Pattern EVENT = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    /**
     * Categories are lowercase letters, digits, '.', '_' and '-'; a pattern adds % and _ and the
     * escape \ (before %, _ or \). Anything else could never match a category.
     */
    static final Pattern CATEGORY_PATTERN = Pattern.compile("(?:[a-z0-9._%-]|\\\\[%_\\\\])+");

    private final BindingAdminRepository bindings;
    private final TemplateAdminRepository templates;
    private final ServerAdminRepository servers;
    private final GroupAdminRepository groups;
    private final CatalogChanges changes;
    private final Clock clock;

    BindingAdmin(
            BindingAdminRepository bindings,
            TemplateAdminRepository templates,
            ServerAdminRepository servers,
            GroupAdminRepository groups,
            CatalogChanges changes,
            Clock clock) {
        this.bindings = bindings;
        this.templates = templates;
        this.servers = servers;
        this.groups = groups;
        this.changes = changes;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<BindingView> list(String event) {
        if (event != null && !EVENT.matcher(event).matches()) {
            throw InvalidRequestException.of("event", eventProblem(event));
        }
        return bindings.list(event);
    }

    @Transactional(readOnly = true)
    BindingView get(long id) {
        return bindings.find(id).orElseThrow(() -> missing(id));
    }

    BindingView create(BindingRequest r) {
        return changes.commit(CatalogChanged.BINDINGS, () -> {
            EventBindingRecord b = new EventBindingRecord();
            check(r, b);
            long id = bindings.insert(b, clock.instant());
            return bindings.find(id).orElseThrow();
        });
    }

    BindingView replace(long id, BindingRequest r) {
        return changes.commit(CatalogChanged.BINDINGS, () -> {
            EventBindingRecord b = bindings.lock(id).orElseThrow(() -> missing(id));
            check(r, b);
            bindings.update(b);
            return bindings.find(id).orElseThrow();
        });
    }

    void delete(long id) {
        changes.commit(CatalogChanged.BINDINGS, () -> {
            EventBindingRecord b = bindings.lock(id).orElseThrow(() -> missing(id));
            int tasks = bindings.tasks(id);
            if (tasks > 0) {
                throw new ConflictException("binding " + id + " (" + b.getEvent() + " " + b.getCategoryPattern()
                        + ") queued " + Rules.count(tasks, "spool task") + " kept in the spool's history:"
                        + " disable it instead (enabled: false)");
            }
            bindings.delete(id);
        });
    }

    private void check(BindingRequest r, EventBindingRecord b) {
        var p = new InvalidRequestException.Collector();
        if (r.event() == null) {
            p.add("event", "is required, e.g. CREATE, BLOCK, PROLONGATE or REMOVE");
        } else if (!EVENT.matcher(r.event()).matches()) {
            p.add("event", eventProblem(r.event()));
        }
        categoryPattern(p, r.categoryPattern());
        if (r.templateId() == null) {
            p.add("templateId", "is required");
        } else if (!templates.exists(r.templateId())) {
            p.add("templateId", "template " + r.templateId() + " does not exist");
        }
        if (r.serverId() == null && r.groupId() == null) {
            p.add("serverId", "give serverId or groupId: where the command runs");
        } else if (r.serverId() != null && r.groupId() != null) {
            p.add("groupId", "give serverId or groupId, not both");
        } else if (r.serverId() != null && !servers.exists(r.serverId())) {
            p.add("serverId", "server " + r.serverId() + " does not exist");
        } else if (r.groupId() != null && !groups.exists(r.groupId())) {
            p.add("groupId", "server group " + r.groupId() + " does not exist");
        }
        int timeout = Rules.range(p, "timeoutSeconds", r.timeoutSeconds(), 1, 86400, 60);
        int attempts = Rules.range(p, "maxAttempts", r.maxAttempts(), 1, 100, 5);
        int backoff = Rules.range(p, "backoffSeconds", r.backoffSeconds(), 1, 86400, 10);
        p.throwIfAny();
        b.setEvent(r.event());
        b.setCategoryPattern(r.categoryPattern());
        b.setTemplateId(r.templateId());
        b.setServerId(r.serverId());
        b.setGroupId(r.groupId());
        b.setTimeoutSeconds(timeout);
        b.setMaxAttempts(attempts);
        b.setBackoffSeconds(backoff);
        b.setPosition(r.position() == null ? 0 : r.position());
        b.setEnabled(r.enabled() == null || r.enabled());
    }

    private static void categoryPattern(InvalidRequestException.Collector p, String pattern) {
        if (pattern == null) {
            p.add("categoryPattern", "is required: an SQL LIKE pattern such as vpn-% or % for every category");
        } else if (pattern.length() > 100 || !CATEGORY_PATTERN.matcher(pattern).matches()) {
            p.add(
                    "categoryPattern",
                    "'" + pattern + "' must be an SQL LIKE pattern over categories, 1 to 100 characters: lowercase"
                            + " letters, digits, '.', '-', '_' (any one character) and '%' (any run), \\ before"
                            + " a literal _ or %; e.g. vpn-% or %");
        }
    }

    private static String eventProblem(String event) {
        return "'" + event + "' must be an upper-case name of 1 to 64 letters, digits or '_', starting with a"
                + " letter, e.g. CREATE or BLOCK";
    }

    static NotFoundException missing(long id) {
        return new NotFoundException("binding " + id + " does not exist");
    }
}
