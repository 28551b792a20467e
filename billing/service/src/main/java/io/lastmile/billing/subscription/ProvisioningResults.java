package io.lastmile.billing.subscription;

import java.time.Clock;
import java.util.Collection;
import org.springframework.stereotype.Service;

/**
 * Where provisioning reports back: a command of a service finished, or an operator acted on one.
 * Each call belongs in the caller's transaction and takes the account's lock first, the order every
 * writer of user services keeps.
 */
@Service
public class ProvisioningResults {

    /** The actor of moves the spool causes. */
    public static final String SPOOL_ACTOR = "spool";

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
     * all of them at once: the spool's join calls it for a batch of finished tasks.
     */
    public void settleAll(Collection<Long> userServiceIds, String actor) {
        if (userServiceIds.isEmpty()) {
            return;
        }
        lockAccountsOf(userServiceIds);
        transitions.settleAll(repository.findAll(userServiceIds), actor, clock.instant());
    }

    /** Moves the service (and its parent) to where its commands stand; see {@link Transitions#settle}. */
    public void settle(long userServiceId, String actor) {
        lockAccountOf(userServiceId);
        repository.find(userServiceId).ifPresent(s -> transitions.settle(s, actor, clock.instant()));
    }
}
