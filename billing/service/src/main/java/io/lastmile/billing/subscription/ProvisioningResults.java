package io.lastmile.billing.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Where provisioning reports back: a command of a service finished, or an operator acted on one.
 * Each call belongs in the caller's transaction, after the account's lock (taken here, or by the
 * caller where said), the order every writer of user services keeps.
 */
@Service
public class ProvisioningResults {

    /** The actor of moves the spool causes. */
    public static final String SPOOL_ACTOR = "spool";

    /** The actor of custom events a command's template raised. */
    public static final String COMMAND_ACTOR = "command";

    private final UserServiceRepository repository;
    private final Transitions transitions;
    private final Clock clock;

    ProvisioningResults(UserServiceRepository repository, Transitions transitions, Clock clock) {
        this.repository = repository;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Locks the account of the service, before anything of the service's tasks is changed. */
    public void lockAccountOf(long userServiceId) {
        repository.lockAccountOfService(userServiceId);
    }

    /** Locks the accounts of these services in one statement, in the order of their ids. */
    public void lockAccountsOf(Collection<Long> userServiceIds) {
        repository.lockAccountsOfServices(userServiceIds);
    }

    /**
     * Moves each service (and its parent) to where its commands stand, reading how they stand for
     * all of them at once: the spool's join calls it for a batch of finished tasks, the dispatcher
     * for events nothing was bound to. Both hold the accounts' locks already ({@link
     * #lockAccountsOf}, or the dispatcher's own), so it takes none again.
     */
    public void settleAll(Collection<Long> userServiceIds, String actor) {
        if (userServiceIds.isEmpty()) {
            return;
        }
        transitions.settleAll(repository.findAll(userServiceIds), actor, clock.instant());
    }

    /**
     * Raises a custom event that a succeeded command of the service asked for (in the transaction
     * that records the command's end, after its account's lock); nothing for a service that was
     * removed meanwhile. Answers the event's id, or empty if nothing was raised.
     */
    public Optional<Long> raiseFromCommand(long userServiceId, String event, String detail) {
        return repository
                .find(userServiceId)
                .filter(s -> s.status != Status.REMOVED)
                .map(s -> transitions.raise(s, event, detail, COMMAND_ACTOR, clock.instant()));
    }

    /** How many events commands raised for the service since {@code since}: many is a loop. */
    public int raisedByCommandsSince(long userServiceId, Instant since) {
        return repository.eventsByActorSince(userServiceId, COMMAND_ACTOR, since);
    }

    /** Moves the service (and its parent) to where its commands stand; see {@link Transitions#settle}. */
    public void settle(long userServiceId, String actor) {
        lockAccountOf(userServiceId);
        repository.find(userServiceId).ifPresent(s -> transitions.settle(s, actor, clock.instant()));
    }
}
