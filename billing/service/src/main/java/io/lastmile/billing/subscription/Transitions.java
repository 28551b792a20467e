package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Catalog;
import io.lastmile.billing.catalog.Tariff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/**
 * Moves user services through {@link Lifecycle}, writing each move and the event it raises in the
 * caller's transaction (the outbox: an event something is bound to waits there for the dispatcher).
 * A bundle moves with its children: children first, parent last, and the parent's commands wait
 * for the children's. A service in PROGRESS leaves it when {@link #settle} finds all commands of
 * its event succeeded.
 */
@Component
class Transitions {

    static final String PROLONGATE = "PROLONGATE";

    private final UserServiceRepository repository;
    private final Provisioning provisioning;
    private final Catalog catalog;

    Transitions(UserServiceRepository repository, Provisioning provisioning, Catalog catalog) {
        this.repository = repository;
        this.provisioning = provisioning;
        this.catalog = catalog;
    }

    /** One move of one service, refused (409) if the table does not have it; answers its event's id. */
    long move(UserService s, Action action, String event, String detail, String actor, Instant now) {
        return move(s, action, event, detail, actor, now, List.of());
    }

    private long move(
            UserService s, Action action, String event, String detail, String actor, Instant now, List<Long> after) {
        Status from = step(s, action, actor, now);
        boolean dispatched = action.raisesCommands() && listens(s, event);
        long eventId = repository.event(s, event, from, s.status, detail, actor, now, dispatched, after);
        if (action.raisesCommands() && s.status == Status.PROGRESS) {
            s.provisioningEventId = eventId;
        }
        repository.save(s, now);
        return eventId;
    }

    /** The part of a move that happens in memory: the next status and what goes with it; answers the one it left. */
    private Status step(UserService s, Action action, String actor, Instant now) {
        Status from = s.status;
        s.status = Lifecycle.next(from, action);
        if (s.status != Status.BLOCKED) {
            s.blockReason = null;
        }
        if (s.status == Status.REMOVED) {
            s.removedAt = now;
            s.dueAt = null;
            provisioning.cancelPending(s.id, actor);
        }
        return from;
    }

    /** An event that moves no status (CHANGED, NOT_ENOUGH_MONEY, a custom one): commands only. */
    long raise(UserService s, String event, String detail, String actor, Instant now) {
        return repository.event(s, event, s.status, s.status, detail, actor, now, listens(s, event), List.of());
    }

    /** Records a prolongation as a PROLONGATE event when anything listens to it ({@link Provisioning#listens}). */
    void prolongated(UserService s, Tariff tariff, String detail, String actor, Instant now) {
        if (provisioning.listens(PROLONGATE, tariff.category())) {
            repository.event(s, PROLONGATE, s.status, s.status, detail, actor, now, true, List.of());
        }
    }

    /** Moves the service and its children the same way (children first), skipping children that cannot. */
    void moveWithChildren(UserService s, Action action, String event, String detail, String actor, Instant now) {
        List<Long> childEvents = new ArrayList<>();
        for (UserService child : repository.children(s.id)) {
            if (Lifecycle.allows(child.status, action)) {
                child.blockReason = s.blockReason;
                childEvents.add(move(child, action, event, detail, actor, now));
            }
        }
        move(s, action, event, detail, actor, now, childEvents);
    }

    /**
     * After a service was paid or changed: into PROGRESS, children first, with the commands of
     * {@code event} raised for each; those with nothing bound become ACTIVE at once.
     */
    void provision(UserService s, Tariff tariff, Action action, String event, String actor, Instant now) {
        List<UserService> children = repository.children(s.id).stream()
                .filter(c -> c.status != Status.REMOVED)
                .toList();
        List<Long> childEvents = new ArrayList<>();
        for (UserService child : children) {
            // a part new to the bundle (a tariff change) starts as it would at an order
            Action childAction = Lifecycle.allows(child.status, action) ? action : Action.PAID;
            if (Lifecycle.allows(child.status, childAction)) {
                childEvents.add(move(child, childAction, event, null, actor, now));
            }
        }
        move(s, action, event, null, actor, now, childEvents);
        for (UserService child : children) {
            settleOne(child, actor, now);
        }
        settle(s, actor, now);
    }

    /** An operator retries a service in ERROR: its failed commands, and its failed children's, run again. */
    void retry(UserService s, String actor, Instant now) {
        overFailed(s, id -> provisioning.retryFailed(id, actor), actor, now);
    }

    /** An operator marks the unfinished commands of a service in ERROR (and its children's) done. */
    void skip(UserService s, String actor, Instant now) {
        overFailed(s, id -> provisioning.skipUnfinished(id, actor), actor, now);
    }

    private void overFailed(UserService s, LongConsumer onEvent, String actor, Instant now) {
        for (UserService child : repository.children(s.id)) {
            if (child.status == Status.ERROR && child.provisioningEventId != null) {
                onEvent.accept(child.provisioningEventId);
                settleOne(child, actor, now);
            }
        }
        if (s.provisioningEventId != null) {
            onEvent.accept(s.provisioningEventId);
        }
        settle(s, actor, now);
    }

    /**
     * Moves a service that waits on its commands (PROGRESS) or failed them (ERROR) to where they
     * stand: ACTIVE when all of its own and its children's succeeded, ERROR when one failed,
     * PROGRESS while any is pending; then its parent the same way.
     */
    void settle(UserService s, String actor, Instant now) {
        if (settleOne(s, actor, now) && s.parentId != null) {
            repository.find(s.parentId).ifPresent(parent -> settle(parent, actor, now));
        }
    }

    /**
     * {@link #settle} for many services: how their commands and children stand is read in three
     * statements, and their moves (none raises commands) are written in two.
     */
    void settleAll(List<UserService> services, String actor, Instant now) {
        List<UserService> waiting =
                services.stream().filter(Transitions::waitsOnCommands).toList();
        if (waiting.isEmpty()) {
            return;
        }
        List<Long> events = waiting.stream().map(s -> s.provisioningEventId).toList();
        Map<Long, Provisioning.Progress> own = provisioning.progress(events);
        Map<Long, List<Status>> children =
                repository.childStatuses(waiting.stream().map(s -> s.id).toList());
        Map<Long, String> names = repository.eventNames(events);
        List<UserServiceRepository.Move> moves = new ArrayList<>();
        for (UserService s : waiting) {
            Provisioning.Progress progress = standing(
                    own.getOrDefault(s.provisioningEventId, Provisioning.Progress.PENDING),
                    children.getOrDefault(s.id, List.of()));
            Action action = settling(s, progress);
            if (action != null && Lifecycle.next(s.status, action) == Status.REMOVED) {
                // no settling move ends a service today; one that did would need more than saveSettled writes
                move(s, action, names.get(s.provisioningEventId), settlingDetail(action), actor, now);
            } else if (action != null) {
                Status from = step(s, action, actor, now);
                moves.add(new UserServiceRepository.Move(
                        s, names.get(s.provisioningEventId), from, settlingDetail(action)));
            }
        }
        repository.saveSettled(moves, actor, now);
        // parents last, from fresh rows: their children have just moved
        moves.stream()
                .map(m -> m.service().parentId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .forEach(parentId -> repository.find(parentId).ifPresent(parent -> settle(parent, actor, now)));
    }

    private boolean settleOne(UserService s, String actor, Instant now) {
        if (!waitsOnCommands(s)) {
            return false;
        }
        Provisioning.Progress progress = standing(
                provisioning.progress(s.provisioningEventId),
                repository.children(s.id).stream().map(c -> c.status).toList());
        return settleOne(s, progress, null, actor, now);
    }

    private static boolean waitsOnCommands(UserService s) {
        return (s.status == Status.PROGRESS || s.status == Status.ERROR) && s.provisioningEventId != null;
    }

    /** Moves the service as {@code progress} says; the event's name is read if not given. */
    private boolean settleOne(
            UserService s, Provisioning.Progress progress, String eventName, String actor, Instant now) {
        Action action = settling(s, progress);
        if (action == null) {
            return false;
        }
        String event = eventName != null ? eventName : repository.eventName(s.provisioningEventId);
        move(s, action, event, settlingDetail(action), actor, now);
        return true;
    }

    /** The move that takes a service to where its commands stand, or null if it is there. */
    private static Action settling(UserService s, Provisioning.Progress progress) {
        return switch (progress) {
            case FAILED -> s.status == Status.PROGRESS ? Action.PROVISIONING_FAILED : null;
            case PENDING -> s.status == Status.ERROR ? Action.RETRY : null;
            case SUCCEEDED -> s.status == Status.PROGRESS ? Action.PROVISIONED : Action.SKIP;
        };
    }

    private static String settlingDetail(Action action) {
        return switch (action) {
            case PROVISIONING_FAILED -> "a command failed";
            case RETRY -> "commands queued again";
            case SKIP -> "the failed commands were skipped";
            default -> null;
        };
    }

    /** The service's own commands and its children's statuses, taken together. */
    private static Provisioning.Progress standing(Provisioning.Progress own, List<Status> children) {
        boolean childFailed = children.contains(Status.ERROR);
        boolean childPending = children.contains(Status.PROGRESS);
        if (own == Provisioning.Progress.FAILED || childFailed) {
            return Provisioning.Progress.FAILED;
        }
        if (own == Provisioning.Progress.PENDING || childPending) {
            return Provisioning.Progress.PENDING;
        }
        return Provisioning.Progress.SUCCEEDED;
    }

    private boolean listens(UserService s, String event) {
        return provisioning.listens(event, catalog.tariff(s.serviceId).category());
    }
}
