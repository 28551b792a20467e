package io.lastmile.billing.catalog;

import io.lastmile.billing.api.ServiceChild;
import io.lastmile.platform.web.InvalidRequestException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The checks of a bundle's parts: each an existing service that is still sold (or already a part),
 * listed once, with a quantity from 1 to 1000, and no bundle inside itself at any depth.
 */
@Component
class Bundles {

    static final int MAX_QUANTITY = 1000;

    private final CatalogRepository repository;

    Bundles(CatalogRepository repository) {
        this.repository = repository;
    }

    /**
     * The parts as they will be stored, or an empty list with the problems collected.
     *
     * @param selfId the bundle being changed; null for a new one
     */
    List<Tariff.Child> check(InvalidRequestException.Collector p, List<ServiceChild> given, Long selfId) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        Map<Long, CatalogRepository.ServiceRef> known = repository.refs(given.stream()
                .map(c -> c == null ? null : c.serviceId())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        // a part archived since it went into this bundle may stay in it
        List<Long> current = selfId == null
                ? List.of()
                : repository.childIds(List.of(selfId)).getOrDefault(selfId, List.of());
        List<Tariff.Child> children = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        boolean bad = false;
        for (int i = 0; i < given.size(); i++) {
            String field = "children[" + i + "]";
            ServiceChild c = given.get(i);
            Long id = c == null ? null : c.serviceId();
            int quantity = c == null || c.quantity() == null ? 1 : c.quantity();
            if (id == null) {
                bad |= problem(p, field + ".serviceId", "is required");
            } else if (id.equals(selfId)) {
                bad |= problem(p, field + ".serviceId", "a bundle cannot contain itself");
            } else if (!known.containsKey(id)) {
                bad |= problem(p, field + ".serviceId", "no service with id " + id);
            } else if (known.get(id).archived() && !current.contains(id)) {
                bad |= problem(p, field + ".serviceId", "service " + id + " is archived; it cannot go into a bundle");
            } else if (!seen.add(id)) {
                bad |= problem(
                        p, field + ".serviceId", "service " + id + " is listed twice; give it once, with a quantity");
            }
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                bad |= problem(p, field + ".quantity", "must be from 1 to " + MAX_QUANTITY + ", not " + quantity);
            }
            if (id != null) {
                children.add(new Tariff.Child(id, quantity));
            }
        }
        if (bad) {
            return List.of();
        }
        if (selfId != null) {
            List<Long> cycle = pathTo(selfId, seen);
            if (cycle != null) {
                p.add(
                        "children",
                        "would make a cycle (" + selfId + " → "
                                + cycle.stream().map(String::valueOf).collect(Collectors.joining(" → "))
                                + "): service " + selfId + " is already a part of service " + cycle.getFirst()
                                + "; a bundle cannot contain itself at any depth");
                return List.of();
            }
        }
        return List.copyOf(children);
    }

    /** A path of parts from one of {@code starts} down to {@code target}, or null when there is none. */
    private List<Long> pathTo(long target, Set<Long> starts) {
        Map<Long, Long> parentOf = new HashMap<>();
        Set<Long> visited = new HashSet<>(starts);
        Deque<Long> frontier = new ArrayDeque<>(starts);
        while (!frontier.isEmpty()) {
            Map<Long, List<Long>> children = repository.childIds(frontier);
            frontier.clear();
            for (var edges : children.entrySet()) {
                for (long child : edges.getValue()) {
                    if (child == target) {
                        parentOf.put(child, edges.getKey());
                        return path(parentOf, target);
                    }
                    if (visited.add(child)) {
                        parentOf.put(child, edges.getKey());
                        frontier.add(child);
                    }
                }
            }
        }
        return null;
    }

    private static List<Long> path(Map<Long, Long> parentOf, long target) {
        Deque<Long> path = new ArrayDeque<>();
        for (Long at = target; at != null; at = parentOf.get(at)) {
            path.addFirst(at);
        }
        return new ArrayList<>(path);
    }

    private static boolean problem(InvalidRequestException.Collector p, String field, String problem) {
        p.add(field, problem);
        return true;
    }
}
