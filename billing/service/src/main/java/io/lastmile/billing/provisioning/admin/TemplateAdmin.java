package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.api.provisioning.TemplateRequest;
import io.lastmile.billing.api.provisioning.TemplateView;
import io.lastmile.billing.provisioning.CatalogChanged;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Templates of provisioning commands: saved only when they compile, deleted when no binding uses them. */
@Service
class TemplateAdmin {

    /** A script, request or mail; anything larger is a mistake (rendered output is capped at 1 MiB too). */
    static final int MAX_BODY_CHARS = 256 * 1024;

    private final TemplateAdminRepository templates;
    private final TemplateCheck check;
    private final CatalogChanges changes;
    private final Clock clock;

    TemplateAdmin(TemplateAdminRepository templates, TemplateCheck check, CatalogChanges changes, Clock clock) {
        this.templates = templates;
        this.check = check;
        this.changes = changes;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<TemplateView> list() {
        return templates.list();
    }

    @Transactional(readOnly = true)
    TemplateView get(long id) {
        return templates.find(id).orElseThrow(() -> missing(id));
    }

    TemplateView create(TemplateRequest r) {
        String name = valid(r);
        return changes.commit(CatalogChanged.TEMPLATES, () -> {
            unique(name, null);
            long id = templates.insert(name, r.body(), clock.instant());
            return templates.find(id).orElseThrow();
        });
    }

    TemplateView replace(long id, TemplateRequest r) {
        if (!templates.exists(id)) {
            throw missing(id);
        }
        String name = valid(r);
        return changes.commit(CatalogChanged.TEMPLATES, () -> {
            templates.lock(id).orElseThrow(() -> missing(id));
            unique(name, id);
            templates.update(id, name, r.body(), clock.instant());
            return templates.find(id).orElseThrow();
        });
    }

    void delete(long id) {
        changes.commit(CatalogChanged.TEMPLATES, () -> {
            templates.lock(id).orElseThrow(() -> missing(id));
            TemplateView template = templates.find(id).orElseThrow();
            if (template.bindings() > 0) {
                throw new ConflictException("template '" + template.name() + "' is used by "
                        + Rules.count(template.bindings(), "binding")
                        + ": point them at another template or delete them first");
            }
            templates.delete(id);
        });
    }

    /** Checks the fields and compiles the body (outside any transaction: it takes some CPU). */
    private String valid(TemplateRequest r) {
        var p = new InvalidRequestException.Collector();
        String name = Rules.name(p, "name", r.name(), 100);
        if (r.body() == null || r.body().isBlank()) {
            p.add("body", "is required: the template's source");
        } else if (r.body().length() > MAX_BODY_CHARS) {
            p.add("body", "is " + r.body().length() + " characters; at most " + MAX_BODY_CHARS);
        } else {
            check.problem(name == null ? "template" : name, r.body()).ifPresent(e -> p.add("body", e.getMessage()));
        }
        p.throwIfAny();
        return name;
    }

    private void unique(String name, Long id) {
        if (templates.nameTaken(name, id)) {
            throw new ConflictException("a template named '" + name + "' exists already");
        }
    }

    static NotFoundException missing(long id) {
        return new NotFoundException("template " + id + " does not exist");
    }
}
