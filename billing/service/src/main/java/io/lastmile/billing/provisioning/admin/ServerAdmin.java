package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.api.provisioning.ServerRequest;
import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.db.tables.records.ServerRecord;
import io.lastmile.billing.provisioning.CatalogChanged;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The servers commands run on: created, listed, replaced, deleted while nothing refers to them
 * (otherwise disabled). An SSH server is enabled only with its credential and a pinned host key.
 */
@Service
class ServerAdmin {

    private static final String PIN_STEPS = "scan its host key (POST /api/v1/provisioning/servers/{id}/host-key/scan),"
            + " compare the fingerprint with the server's own and pin it (PUT .../host-key)";

    private final ServerAdminRepository servers;
    private final GroupAdminRepository groups;
    private final CatalogChanges changes;
    private final Clock clock;

    ServerAdmin(ServerAdminRepository servers, GroupAdminRepository groups, CatalogChanges changes, Clock clock) {
        this.servers = servers;
        this.groups = groups;
        this.changes = changes;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<ServerView> list(Long groupId) {
        return servers.list(groupId);
    }

    @Transactional(readOnly = true)
    ServerView get(long id) {
        return servers.find(id).orElseThrow(() -> missing(id));
    }

    ServerView create(ServerRequest r) {
        return changes.commit(CatalogChanged.SERVERS, () -> {
            ServerRecord s = new ServerRecord();
            check(r, s, null);
            long id = servers.insert(s, clock.instant());
            return servers.find(id).orElseThrow();
        });
    }

    /** Replaces every field the request has; the pinned host key stays (unless it is no longer SSH). */
    ServerView replace(long id, ServerRequest r) {
        return changes.commit(CatalogChanged.SERVERS, () -> {
            ServerRecord s = servers.lock(id).orElseThrow(() -> missing(id));
            check(r, s, id);
            servers.update(s, clock.instant());
            return servers.find(id).orElseThrow();
        });
    }

    void delete(long id) {
        changes.commit(CatalogChanged.SERVERS, () -> {
            ServerRecord s = servers.lock(id).orElseThrow(() -> missing(id));
            ServerAdminRepository.Usage usage = servers.usage(id);
            if (!usage.none()) {
                List<String> users = new ArrayList<>();
                if (usage.bindings() > 0) users.add(Rules.count(usage.bindings(), "binding"));
                if (usage.services() > 0) users.add(Rules.count(usage.services(), "user service"));
                if (usage.tasks() > 0) users.add(Rules.count(usage.tasks(), "spool task"));
                throw new ConflictException("server '" + s.getName() + "' is referred to by " + String.join(", ", users)
                        + ": disable it instead (enabled: false), or move its services and bindings away first");
            }
            servers.delete(id);
        });
    }

    /** Checks the request as the server would then be and sets it on the record if all is well. */
    private void check(ServerRequest r, ServerRecord s, Long id) {
        var p = new InvalidRequestException.Collector();
        String name = Rules.name(p, "name", r.name(), 100);
        Rules.required(p, "transport", r.transport());
        Transport transport = Rules.value(p, "transport", Transport.class, r.transport());
        ServerRules.host(p, r.host());
        if (r.groupId() != null && !groups.exists(r.groupId())) {
            p.add("groupId", "server group " + r.groupId() + " does not exist");
        }
        Map<String, Object> settings = r.settings() == null ? Map.of() : r.settings();
        int port = r.port() != null || transport == null
                ? Rules.range(p, "port", r.port(), 1, 65535, 0)
                : ServerRules.defaultPort(transport, settings);
        int weight = Rules.range(p, "weight", r.weight(), 1, 1000, 1);
        if (r.maxServices() != null && r.maxServices() < 0) {
            p.add("maxServices", "must be 0 or more, or null for no limit, not " + r.maxServices());
        }
        String credentials = r.credentialsRef() == null || r.credentialsRef().isBlank() ? null : r.credentialsRef();
        if (transport != null) {
            credentials(p, transport, credentials);
            ServerRules.settings(p, transport, r.host(), port, settings);
        }
        String hostKey = transport == Transport.SSH ? s.getHostKey() : null;
        boolean enabled = enabled(p, r, id == null ? null : s.getEnabled(), id, transport, credentials, hostKey);
        p.throwIfAny();
        if (servers.nameTaken(name, id)) {
            throw new ConflictException("a server named '" + name + "' exists already");
        }
        s.setName(name);
        s.setGroupId(r.groupId());
        s.setTransport(transport.name());
        s.setHost(r.host());
        s.setPort(port);
        s.setCredentialsRef(credentials);
        s.setHostKey(hostKey);
        s.setEnabled(enabled);
        s.setWeight(weight);
        s.setMaxServices(r.maxServices());
        s.setSettings(ServerAdminRepository.json(settings));
    }

    /**
     * Whether the server will be enabled: as the request says; if it does not, as it was (a change
     * never switches a server on or off by accident), and a new one when it can be. An SSH server
     * is enabled only with its credential and a pinned host key.
     */
    private static boolean enabled(
            InvalidRequestException.Collector p,
            ServerRequest r,
            Boolean was,
            Long id,
            Transport transport,
            String credentials,
            String hostKey) {
        boolean enabled = r.enabled() != null
                ? r.enabled()
                : was != null ? was : transport != Transport.SSH || hostKey != null && credentials != null;
        if (transport == Transport.SSH && enabled) {
            if (credentials == null && !p.has("credentialsRef")) {
                p.add("credentialsRef", "an enabled SSH server needs the name of its SSH_KEY credential");
            }
            if (hostKey == null) {
                p.add(
                        "enabled",
                        "an SSH server can be enabled once its host key is pinned: "
                                + (id == null ? "create it disabled (leave enabled out), then " : "")
                                + PIN_STEPS.replace("{id}", id == null ? "{id}" : id.toString()));
            }
        }
        return enabled;
    }

    private void credentials(InvalidRequestException.Collector p, Transport transport, String name) {
        if (name == null) {
            return;
        }
        Optional<String> kind = servers.credentialKind(name);
        if (kind.isEmpty()) {
            p.add(
                    "credentialsRef",
                    "no credential is named '" + name + "': store it first (the credentials API), then refer to it");
        } else if (!ServerRules.credentialKinds(transport).contains(kind.get())) {
            p.add(
                    "credentialsRef",
                    "credential '" + name + "' is a " + kind.get() + "; " + (transport == Transport.MAIL ? "a " : "an ")
                            + transport + " server needs "
                            + String.join(
                                    " or ",
                                    ServerRules.credentialKinds(transport).stream()
                                            .sorted()
                                            .toList()));
        }
    }

    static NotFoundException missing(long id) {
        return new NotFoundException("server " + id + " does not exist");
    }
}
