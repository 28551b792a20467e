package io.lastmile.auth.subscriber;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Subscriber credentials, for billing (a service client) and for operators with auth.admin. */
@RestController
@RequestMapping("/api/v1/subscribers")
class SubscriberController {

    private final Subscribers subscribers;
    private final PasswordResets resets;

    SubscriberController(Subscribers subscribers, PasswordResets resets) {
        this.subscribers = subscribers;
        this.resets = resets;
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubscriberView create(@RequestBody Subscribers.NewCredential request) {
        return subscribers.create(request);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @GetMapping("/{accountId}")
    SubscriberView get(@PathVariable long accountId) {
        return subscribers.get(accountId);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PutMapping("/{accountId}/logins")
    SubscriberView logins(@PathVariable long accountId, @RequestBody Subscribers.Logins logins) {
        return subscribers.changeLogins(accountId, logins);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PutMapping("/{accountId}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void password(@PathVariable long accountId, @RequestBody PasswordChange change) {
        subscribers.setPassword(accountId, change.password());
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping("/{accountId}/disable")
    SubscriberView disable(@PathVariable long accountId) {
        return subscribers.setEnabled(accountId, false);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping("/{accountId}/enable")
    SubscriberView enable(@PathVariable long accountId) {
        return subscribers.setEnabled(accountId, true);
    }

    /** Makes a one-time link and has billing send it (account event PASSWORD_RESET). */
    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping("/{accountId}/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    PasswordResets.Requested reset(@PathVariable long accountId) {
        return resets.request(accountId);
    }

    @ExceptionHandler(BillingEvents.BillingUnavailableException.class)
    ProblemDetail billingUnavailable(BillingEvents.BillingUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("Billing unavailable");
        return problem;
    }

    record PasswordChange(String password) {
        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }
}
