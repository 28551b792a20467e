package io.lastmile.billing.provisioning;

import io.lastmile.billing.provisioning.template.RequestedEvent;
import java.util.List;

/**
 * How one attempt of a provisioning task ended, as every transport reports it.
 *
 * @param kind what the spool does next
 * @param exitStatus the command's exit status or the HTTP status, if there was one
 * @param message a short human-readable reason (never a secret)
 * @param events custom events the command's template asked for: raised when it succeeds, never on
 *     a failed attempt, so a retry raises none twice
 */
public record AttemptOutcome(Kind kind, Integer exitStatus, String message, List<RequestedEvent> events) {

    public AttemptOutcome {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public AttemptOutcome(Kind kind, Integer exitStatus, String message) {
        this(kind, exitStatus, message, List.of());
    }

    /** This outcome with the events its template asked for. */
    public AttemptOutcome withEvents(List<RequestedEvent> requested) {
        return new AttemptOutcome(kind, exitStatus, message, requested);
    }

    public enum Kind {
        /** Done: the task succeeded. */
        SUCCESS,
        /** Failed in a way that may pass later (timeout, 5xx, connection refused): retry per policy. */
        RETRY,
        /** Failed in a way a retry cannot fix (4xx, host key mismatch, bad template): no retry. */
        FAIL,
        /**
         * Not run: its server already ran as many commands as it takes at once. Queued again soon,
         * and it does not spend one of the task's attempts.
         */
        BUSY
    }

    public static AttemptOutcome success(Integer exitStatus, String message) {
        return new AttemptOutcome(Kind.SUCCESS, exitStatus, message);
    }

    public static AttemptOutcome retry(Integer exitStatus, String message) {
        return new AttemptOutcome(Kind.RETRY, exitStatus, message);
    }

    public static AttemptOutcome busy(String message) {
        return new AttemptOutcome(Kind.BUSY, null, message);
    }

    public static AttemptOutcome fail(Integer exitStatus, String message) {
        return new AttemptOutcome(Kind.FAIL, exitStatus, message);
    }
}
