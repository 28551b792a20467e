package io.lastmile.billing.provisioning.events;

import io.lastmile.billing.api.provisioning.NewEvent;
import io.lastmile.billing.api.provisioning.RaisedEvent;
import io.lastmile.billing.provisioning.template.EventNames;
import io.lastmile.billing.subscription.Subscriptions;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import org.jooq.DSLContext;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Custom events raised by operators and scripts: the commands bound to them run like those of the
 * lifecycle's events. The lifecycle's own names are refused here: only a real status change raises them.
 */
@RestController
class EventController {

    private final Subscriptions subscriptions;
    private final AccountEvents accountEvents;
    private final DSLContext db;

    EventController(Subscriptions subscriptions, AccountEvents accountEvents, DSLContext db) {
        this.subscriptions = subscriptions;
        this.accountEvents = accountEvents;
        this.db = db;
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping("/api/v1/user-services/{id}/events")
    @ResponseStatus(HttpStatus.CREATED)
    RaisedEvent raiseForService(@PathVariable long id, @RequestBody NewEvent body, Authentication caller) {
        validate(body);
        var raised = subscriptions.raise(id, body.event(), body.detail(), caller.getName());
        return new RaisedEvent(raised.id(), body.event(), raised.dispatched());
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping("/api/v1/accounts/{id}/events")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    RaisedEvent raiseForAccount(@PathVariable long id, @RequestBody NewEvent body, Authentication caller) {
        validate(body);
        if (!db.fetchExists(db.selectOne().from("account").where("id = ?", id))) {
            throw new NotFoundException("no account with id " + id);
        }
        var raised = accountEvents.raise(id, body.event(), body.detail(), body.payload(), caller.getName());
        return new RaisedEvent(raised.id(), body.event(), raised.dispatched());
    }

    private static void validate(NewEvent body) {
        var problems = new InvalidRequestException.Collector();
        // one rule for the API and for templates' raise_event
        EventNames.problem(body.event()).ifPresent(problem -> problems.add("event", problem));
        if (body.detail() != null && body.detail().length() > 1000) {
            problems.add("detail", "must be at most 1000 characters");
        }
        problems.throwIfAny();
    }
}
