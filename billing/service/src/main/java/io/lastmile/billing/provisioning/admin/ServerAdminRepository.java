package io.lastmile.billing.provisioning.admin;

import static io.lastmile.billing.db.Tables.CREDENTIAL;
import static io.lastmile.billing.db.Tables.EVENT_BINDING;
import static io.lastmile.billing.db.Tables.SERVER;
import static io.lastmile.billing.db.Tables.SPOOL_TASK;
import static io.lastmile.billing.db.Tables.USER_SERVICE;

import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.db.tables.records.ServerRecord;
import io.lastmile.billing.provisioning.ssh.SshTransport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ServerAdminRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REMOVED = "REMOVED";

    private final DSLContext db;

    ServerAdminRepository(DSLContext db) {
        this.db = db;
    }

    List<ServerView> list(Long groupId) {
        Condition in = groupId == null ? DSL.trueCondition() : SERVER.GROUP_ID.eq(groupId);
        List<ServerRecord> servers =
                db.selectFrom(SERVER).where(in).orderBy(SERVER.NAME).fetch();
        Map<Long, Integer> services =
                services(servers.stream().map(ServerRecord::getId).toList());
        return servers.stream()
                .map(s -> view(s, services.getOrDefault(s.getId(), 0)))
                .toList();
    }

    Optional<ServerView> find(long id) {
        return record(id).map(s -> view(s, services(List.of(id)).getOrDefault(id, 0)));
    }

    Optional<ServerRecord> record(long id) {
        return db.selectFrom(SERVER).where(SERVER.ID.eq(id)).fetchOptional();
    }

    /** Locks the server's row until the transaction ends: changes, deletes and moves onto it take turns. */
    Optional<ServerRecord> lock(long id) {
        return db.selectFrom(SERVER).where(SERVER.ID.eq(id)).forUpdate().fetchOptional();
    }

    boolean nameTaken(String name, Long exceptId) {
        Condition other = exceptId == null ? DSL.trueCondition() : SERVER.ID.ne(exceptId);
        return db.fetchExists(SERVER, SERVER.NAME.eq(name).and(other));
    }

    boolean exists(long id) {
        return db.fetchExists(SERVER, SERVER.ID.eq(id));
    }

    /** The kind (SSH_KEY, PASSWORD, TOKEN) of the credential with this name, if there is one. */
    Optional<String> credentialKind(String name) {
        return db.select(CREDENTIAL.KIND)
                .from(CREDENTIAL)
                .where(CREDENTIAL.NAME.eq(name))
                .fetchOptional(CREDENTIAL.KIND);
    }

    long insert(ServerRecord server, Instant now) {
        server.setCreatedAt(now.atOffset(ZoneOffset.UTC));
        server.setUpdatedAt(now.atOffset(ZoneOffset.UTC));
        return db.insertInto(SERVER)
                .set(server)
                .returning(SERVER.ID)
                .fetchSingle()
                .getId();
    }

    void update(ServerRecord server, Instant now) {
        server.setUpdatedAt(now.atOffset(ZoneOffset.UTC));
        db.executeUpdate(server);
    }

    void delete(long id) {
        db.deleteFrom(SERVER).where(SERVER.ID.eq(id)).execute();
    }

    /** What refers to the server and keeps it from being deleted. */
    record Usage(int bindings, int services, int tasks) {
        boolean none() {
            return bindings == 0 && services == 0 && tasks == 0;
        }
    }

    Usage usage(long id) {
        return new Usage(
                db.fetchCount(EVENT_BINDING, EVENT_BINDING.SERVER_ID.eq(id)),
                db.fetchCount(USER_SERVICE, USER_SERVICE.SERVER_ID.eq(id)),
                db.fetchCount(SPOOL_TASK, SPOOL_TASK.SERVER_ID.eq(id)));
    }

    /** How many user services (not removed) each server holds; servers holding none are missing. */
    Map<Long, Integer> services(Collection<Long> serverIds) {
        Map<Long, Integer> counts = new HashMap<>();
        if (serverIds.isEmpty()) {
            return counts;
        }
        db.select(USER_SERVICE.SERVER_ID, DSL.count())
                .from(USER_SERVICE)
                .where(USER_SERVICE.SERVER_ID.in(serverIds))
                .and(USER_SERVICE.STATUS.ne(REMOVED))
                .groupBy(USER_SERVICE.SERVER_ID)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /** A user service as a move sees it, locked until the transaction ends. */
    record Placed(long id, String status, Long serverId) {
        boolean removed() {
            return REMOVED.equals(status);
        }
    }

    Optional<Placed> lockUserService(long id) {
        return db.select(USER_SERVICE.ID, USER_SERVICE.STATUS, USER_SERVICE.SERVER_ID)
                .from(USER_SERVICE)
                .where(USER_SERVICE.ID.eq(id))
                .forUpdate()
                .fetchOptional(r -> new Placed(r.value1(), r.value2(), r.value3()));
    }

    /** The user services (not removed) on the server, other than {@code exceptId}. */
    int servicesOn(long serverId, long exceptId) {
        return db.fetchCount(
                USER_SERVICE,
                USER_SERVICE
                        .SERVER_ID
                        .eq(serverId)
                        .and(USER_SERVICE.STATUS.ne(REMOVED))
                        .and(USER_SERVICE.ID.ne(exceptId)));
    }

    void place(long userServiceId, long serverId, Instant now) {
        db.update(USER_SERVICE)
                .set(USER_SERVICE.SERVER_ID, serverId)
                .set(USER_SERVICE.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(USER_SERVICE.ID.eq(userServiceId))
                .execute();
    }

    static JSONB json(Map<String, Object> settings) {
        return JSONB.valueOf(JSON.writeValueAsString(settings == null ? Map.of() : settings));
    }

    static Map<String, Object> settings(JSONB json) {
        return json == null ? Map.of() : JSON.readValue(json.data(), new TypeReference<Map<String, Object>>() {});
    }

    private static ServerView view(ServerRecord s, int services) {
        return new ServerView(
                s.getId(),
                s.getName(),
                s.getGroupId(),
                s.getTransport(),
                s.getHost(),
                s.getPort(),
                s.getCredentialsRef(),
                s.getHostKey(),
                fingerprint(s.getHostKey()),
                s.getEnabled(),
                s.getWeight(),
                s.getMaxServices(),
                services,
                settings(s.getSettings()),
                s.getCreatedAt().toInstant(),
                s.getUpdatedAt().toInstant());
    }

    private static String fingerprint(String hostKey) {
        if (hostKey == null) {
            return null;
        }
        try {
            return SshTransport.fingerprint(hostKey);
        } catch (IllegalArgumentException e) {
            return null; // only keys that parse are pinned; a row edited by hand shows none
        }
    }
}
