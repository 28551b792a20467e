package io.lastmile.billing.provisioning;

/**
 * How one attempt of a provisioning task ended, as every transport reports it.
 *
 * @param kind what the spool does next
 * @param exitStatus the command's exit status or the HTTP status, if there was one
 * @param message a short human-readable reason (never a secret)
 */
public record AttemptOutcome(Kind kind, Integer exitStatus, String message) {

    public enum Kind {
        /** Done: the task succeeded. */
        SUCCESS,
        /** Failed in a way that may pass later (timeout, 5xx, connection refused): retry per policy. */
        RETRY,
        /** Failed in a way a retry cannot fix (4xx, host key mismatch, bad template): no retry. */
        FAIL
    }

    public static AttemptOutcome success(Integer exitStatus, String message) {
        return new AttemptOutcome(Kind.SUCCESS, exitStatus, message);
    }

    public static AttemptOutcome retry(Integer exitStatus, String message) {
        return new AttemptOutcome(Kind.RETRY, exitStatus, message);
    }

    public static AttemptOutcome fail(Integer exitStatus, String message) {
        return new AttemptOutcome(Kind.FAIL, exitStatus, message);
    }
}
