package io.lastmile.billing.provisioning.dispatch;

import io.lastmile.billing.sql.Jdbc;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Picks a server of a group for a service by the group's strategy, among its enabled servers with
 * room (fewer live services than max_services): RANDOM, LEAST_LOADED (fewest live services),
 * FILL (the first by id until it is full) or WEIGHTED (random in proportion to weight).
 */
@Component
public class ServerChoice {

    private final Jdbc jdbc;
    private final RandomGenerator random;

    @Autowired
    ServerChoice(DSLContext db) {
        this(db, RandomGenerator.getDefault());
    }

    ServerChoice(DSLContext db, RandomGenerator random) {
        this.jdbc = new Jdbc(db);
        this.random = random;
    }

    record Candidate(long id, String strategy, int weight, Integer maxServices, long services) {
        boolean hasRoom() {
            return maxServices == null || services < maxServices;
        }
    }

    /** A server of the group with room, or empty when none is enabled with room. */
    public Optional<Long> choose(long groupId) {
        List<Candidate> all = jdbc.query(
                "SELECT s.id, g.strategy, s.weight, s.max_services, (SELECT count(*) FROM user_service u"
                        + " WHERE u.server_id = s.id AND u.status <> 'REMOVED') FROM server s JOIN server_group g"
                        + " ON g.id = s.group_id WHERE s.group_id = ? AND s.enabled ORDER BY s.id",
                p -> p.value(groupId),
                r -> new Candidate(
                        r.getLong(1), r.getString(2), r.getInt(3), r.getObject(4, Integer.class), r.getLong(5)));
        List<Candidate> open = all.stream().filter(Candidate::hasRoom).toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pick(open.getFirst().strategy(), open).id());
    }

    /** Whether the server belongs to the group. */
    public boolean inGroup(long serverId, long groupId) {
        return !jdbc.query(
                        "SELECT 1 FROM server WHERE id = ? AND group_id = ?",
                        p -> p.value(serverId).value(groupId),
                        r -> 1)
                .isEmpty();
    }

    Candidate pick(String strategy, List<Candidate> open) {
        return switch (strategy) {
            case "LEAST_LOADED" ->
                open.stream()
                        .min(Comparator.comparingLong(Candidate::services).thenComparingLong(Candidate::id))
                        .orElseThrow();
            case "FILL" -> open.getFirst();
            case "WEIGHTED" -> weighted(open);
            default -> open.get(random.nextInt(open.size()));
        };
    }

    private Candidate weighted(List<Candidate> open) {
        long total = open.stream().mapToLong(Candidate::weight).sum();
        long ticket = random.nextLong(total);
        for (Candidate c : open) {
            ticket -= c.weight();
            if (ticket < 0) {
                return c;
            }
        }
        return open.getLast();
    }
}
