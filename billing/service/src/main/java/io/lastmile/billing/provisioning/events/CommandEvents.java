package io.lastmile.billing.provisioning.events;

import io.lastmile.billing.provisioning.alert.Alerts;
import io.lastmile.billing.provisioning.spool.SpoolTask;
import io.lastmile.billing.provisioning.template.RequestedEvent;
import io.lastmile.billing.subscription.ProvisioningResults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raises the custom events a command's template asked for ({@code raise_event}), once the command
 * succeeded, in the transaction that records its end: a failed or retried attempt raises none, and
 * a success raises each once. Events whose commands raise each other would never stop, so a service
 * or account whose commands raised {@link #PER_HOUR} events in the last hour gets an alert instead.
 */
@Component
public class CommandEvents {

    /** Events commands may raise per service (or account) and hour; more is taken for a loop. */
    static final int PER_HOUR = 50;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProvisioningResults results;
    private final AccountEvents accountEvents;
    private final Alerts alerts;
    private final Clock clock;

    CommandEvents(ProvisioningResults results, AccountEvents accountEvents, Alerts alerts, Clock clock) {
        this.results = results;
        this.accountEvents = accountEvents;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Raises what the succeeded {@code task} asked for; the task's account is locked by the caller. */
    public void raise(SpoolTask task, List<RequestedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        int raised = task.userServiceId() != null
                ? results.raisedByCommandsSince(task.userServiceId(), hourAgo)
                : accountEvents.countByActorSince(task.accountId(), ProvisioningResults.COMMAND_ACTOR, hourAgo);
        if (raised + events.size() > PER_HOUR) {
            alerts.raiseForTask(
                    "EVENT_LOOP",
                    Alerts.Severity.CRITICAL,
                    "task " + task.id() + " asked to raise " + names(events) + ", but commands of this "
                            + (task.userServiceId() != null ? "service" : "account") + " raised " + raised
                            + " events in the last hour (more than " + PER_HOUR
                            + "): events whose commands raise each other? Nothing was raised",
                    task.id());
            return;
        }
        String detail = "raised by task " + task.id();
        for (RequestedEvent e : events) {
            if (task.userServiceId() != null) {
                results.raiseFromCommand(task.userServiceId(), e.name(), withData(detail, e));
            } else if (task.accountId() != null) {
                accountEvents.raise(task.accountId(), e.name(), detail, e.data(), ProvisioningResults.COMMAND_ACTOR);
            }
        }
    }

    /** A service event has no payload of its own: its data goes in the detail, as JSON. */
    private static String withData(String detail, RequestedEvent e) {
        return e.data().isEmpty() ? detail : detail + ": " + JSON.writeValueAsString(e.data());
    }

    private static String names(List<RequestedEvent> events) {
        return String.join(", ", events.stream().map(RequestedEvent::name).toList());
    }
}
