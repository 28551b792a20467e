package io.lastmile.billing.subscription;

import io.lastmile.platform.web.ConflictException;
import java.util.List;

/**
 * The user service status machine as a table: a move not in it is refused. Each row is driven
 * through the real API by {@code LifecycleIT}.
 */
public final class Lifecycle {

    /** One allowed move. */
    public record Transition(Status from, Action action, Status to) {

        @Override
        public String toString() {
            return from + " --" + action + "--> " + to;
        }
    }

    public static final List<Transition> TABLE = List.of(
            new Transition(Status.INIT, Action.PAID, Status.PROGRESS),
            new Transition(Status.INIT, Action.UNPAID, Status.NOT_PAID),
            new Transition(Status.NOT_PAID, Action.PAID, Status.PROGRESS),
            new Transition(Status.NOT_PAID, Action.STOP, Status.REMOVED),
            new Transition(Status.PROGRESS, Action.PROVISIONED, Status.ACTIVE),
            new Transition(Status.PROGRESS, Action.PROVISIONING_FAILED, Status.ERROR),
            new Transition(Status.PROGRESS, Action.STOP, Status.REMOVED),
            new Transition(Status.ACTIVE, Action.BLOCK, Status.BLOCKED),
            new Transition(Status.ACTIVE, Action.CHANGE_TARIFF, Status.PROGRESS),
            new Transition(Status.ACTIVE, Action.STOP, Status.REMOVED),
            new Transition(Status.BLOCKED, Action.PAID, Status.PROGRESS),
            new Transition(Status.BLOCKED, Action.BLOCK, Status.BLOCKED),
            new Transition(Status.BLOCKED, Action.STOP, Status.REMOVED),
            new Transition(Status.ERROR, Action.RETRY, Status.PROGRESS),
            new Transition(Status.ERROR, Action.SKIP, Status.ACTIVE),
            new Transition(Status.ERROR, Action.STOP, Status.REMOVED));

    private Lifecycle() {}

    /** The status {@code action} leads to from {@code from}; 409 when the table has no such move. */
    public static Status next(Status from, Action action) {
        return TABLE.stream()
                .filter(t -> t.from() == from && t.action() == action)
                .map(Transition::to)
                .findFirst()
                .orElseThrow(() -> new ConflictException("a service in status " + from + " cannot take the action "
                        + action + "; allowed: " + allowed(from)));
    }

    public static boolean allows(Status from, Action action) {
        return TABLE.stream().anyMatch(t -> t.from() == from && t.action() == action);
    }

    private static List<Action> allowed(Status from) {
        return TABLE.stream()
                .filter(t -> t.from() == from)
                .map(Transition::action)
                .toList();
    }
}
