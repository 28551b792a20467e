package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Catalog;
import io.lastmile.billing.catalog.Tariff;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Moves user services through {@link Lifecycle}, writing each move and the event it raises in the
 * caller's transaction. A bundle moves with its children: children first, parent last.
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

    /** One move of one service, refused (409) if the table does not have it. */
    void move(UserService s, Action action, String event, String detail, String actor, Instant now) {
        Status from = s.status;
        s.status = Lifecycle.next(from, action);
        if (s.status != Status.BLOCKED) {
            s.blockReason = null;
        }
        if (s.status == Status.REMOVED) {
            s.removedAt = now;
            s.dueAt = null;
        }
        repository.save(s, now);
        repository.event(s, event, from, s.status, detail, actor, now);
    }

    /** Records a prolongation as a PROLONGATE event when anything listens to it ({@link Provisioning#listens}). */
    void prolongated(UserService s, Tariff tariff, String detail, String actor, Instant now) {
        if (provisioning.listens(PROLONGATE, tariff.category())) {
            repository.event(s, PROLONGATE, s.status, s.status, detail, actor, now);
        }
    }

    /** Moves the service and its children the same way (children first), skipping children that cannot. */
    void moveWithChildren(UserService s, Action action, String event, String detail, String actor, Instant now) {
        for (UserService child : repository.children(s.id)) {
            if (Lifecycle.allows(child.status, action)) {
                child.blockReason = s.blockReason;
                move(child, action, event, detail, actor, now);
            }
        }
        move(s, action, event, detail, actor, now);
    }

    /**
     * After a service was paid or changed: into PROGRESS, then the provisioning commands of
     * {@code event}, children first; the parent is ACTIVE only if every child is.
     */
    void provision(UserService s, Tariff tariff, Action action, String event, String actor, Instant now) {
        List<UserService> children = repository.children(s.id).stream()
                .filter(c -> c.status != Status.REMOVED)
                .toList();
        boolean childFailed = false;
        for (UserService child : children) {
            // a part new to the bundle (a tariff change) starts as it would at an order
            Action childAction = Lifecycle.allows(child.status, action) ? action : Action.PAID;
            if (Lifecycle.allows(child.status, childAction)) {
                move(child, childAction, event, null, actor, now);
            }
            if (child.status == Status.PROGRESS) {
                childFailed |= !finish(child, catalog.tariff(child.serviceId), event, actor, now);
            }
        }
        move(s, action, event, null, actor, now);
        if (childFailed) {
            move(s, Action.PROVISIONING_FAILED, event, "a part of the bundle failed", actor, now);
        } else {
            finish(s, tariff, event, actor, now);
        }
    }

    /** Runs the commands of a service in PROGRESS; true when they all succeeded. */
    boolean finish(UserService s, Tariff tariff, String event, String actor, Instant now) {
        Provisioning.Outcome outcome = provisioning.provision(s.id, tariff, event);
        boolean done = outcome == Provisioning.Outcome.DONE;
        move(s, done ? Action.PROVISIONED : Action.PROVISIONING_FAILED, event, null, actor, now);
        return done;
    }
}
