package io.lastmile.billing.subscription;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the subscription engine needs from provisioning: whether commands are bound to an event,
 * how the commands of an event are doing, and the operator's say over them. Commands themselves
 * are queued from the event outbox ({@code user_service_event.dispatch}), never from here.
 */
public interface Provisioning {

    /** Where the commands of one event stand, as far as the service waiting on them cares. */
    enum Progress {
        /** Some are queued, waiting or running, or the event is not dispatched yet. */
        PENDING,
        /** Every command succeeded or was skipped (or none was bound). */
        SUCCEEDED,
        /** A command exhausted its retries or was cancelled. */
        FAILED
    }

    /**
     * Whether anything is bound to the event for services of this category. An event nothing
     * listens to needs no dispatch, and one that changes no status (PROLONGATE) is not even
     * written: the ledger's charge already records the period.
     */
    boolean listens(String event, String category);

    /** How the commands raised by event {@code eventId} are doing. */
    default Progress progress(long eventId) {
        return progress(List.of(eventId)).getOrDefault(eventId, Progress.PENDING);
    }

    /** How the commands of each of these events are doing, in one look. */
    Map<Long, Progress> progress(Collection<Long> eventIds);

    /** Queues the event's failed (DEAD or CANCELLED) commands again with a fresh budget; answers how many. */
    int retryFailed(long eventId, String actor);

    /** Marks the event's unfinished commands done by hand; answers how many. */
    int skipUnfinished(long eventId, String actor);

    /** Cancels the service's commands that are not running: a removed service needs none of them. */
    int cancelPending(long userServiceId, String actor);
}
