package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.api.provisioning.ServerGroupRequest;
import io.lastmile.billing.api.provisioning.ServerGroupView;
import io.lastmile.billing.provisioning.CatalogChanged;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Server groups: created, listed, renamed, given another strategy, deleted when nothing uses them. */
@Service
class GroupAdmin {

    private final GroupAdminRepository groups;
    private final CatalogChanges changes;
    private final Clock clock;

    GroupAdmin(GroupAdminRepository groups, CatalogChanges changes, Clock clock) {
        this.groups = groups;
        this.changes = changes;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<ServerGroupView> list() {
        return groups.list();
    }

    @Transactional(readOnly = true)
    ServerGroupView get(long id) {
        return groups.find(id).orElseThrow(() -> missing(id));
    }

    ServerGroupView create(ServerGroupRequest r) {
        return changes.commit(CatalogChanged.GROUPS, () -> {
            Valid v = check(r, null);
            long id = groups.insert(v.name(), v.strategy(), clock.instant());
            return groups.find(id).orElseThrow();
        });
    }

    ServerGroupView replace(long id, ServerGroupRequest r) {
        return changes.commit(CatalogChanged.GROUPS, () -> {
            groups.lock(id).orElseThrow(() -> missing(id));
            Valid v = check(r, id);
            groups.update(id, v.name(), v.strategy());
            return groups.find(id).orElseThrow();
        });
    }

    void delete(long id) {
        changes.commit(CatalogChanged.GROUPS, () -> {
            groups.lock(id).orElseThrow(() -> missing(id));
            ServerGroupView group = groups.find(id).orElseThrow();
            List<String> users = new ArrayList<>();
            if (group.servers() > 0) {
                users.add(Rules.count(group.servers(), "server"));
            }
            if (group.bindings() > 0) {
                users.add(Rules.count(group.bindings(), "binding"));
            }
            if (!users.isEmpty()) {
                throw new ConflictException(
                        "server group '" + group.name() + "' is used by " + String.join(" and ", users)
                                + ": move the servers to another group and point the bindings elsewhere first");
            }
            groups.delete(id);
        });
    }

    private record Valid(String name, Strategy strategy) {}

    private Valid check(ServerGroupRequest r, Long id) {
        var p = new InvalidRequestException.Collector();
        String name = Rules.name(p, "name", r.name(), 100);
        Rules.required(p, "strategy", r.strategy());
        Strategy strategy = Rules.value(p, "strategy", Strategy.class, r.strategy());
        p.throwIfAny();
        if (groups.nameTaken(name, id)) {
            throw new ConflictException("a server group named '" + name + "' exists already");
        }
        return new Valid(name, strategy);
    }

    static NotFoundException missing(long id) {
        return new NotFoundException("server group " + id + " does not exist");
    }
}
