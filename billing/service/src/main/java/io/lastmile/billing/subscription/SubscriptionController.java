package io.lastmile.billing.subscription;

import io.lastmile.billing.api.Forecast;
import io.lastmile.billing.api.FreezeRequest;
import io.lastmile.billing.api.NewPromisedPayment;
import io.lastmile.billing.api.NewUserService;
import io.lastmile.billing.api.PostingResult;
import io.lastmile.billing.api.PromisedPaymentView;
import io.lastmile.billing.api.ServiceActionResult;
import io.lastmile.billing.api.TariffChange;
import io.lastmile.billing.api.UserServiceEventView;
import io.lastmile.billing.api.UserServiceView;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders and actions on user services, the forecast and promised payments of an account. */
@RestController
class SubscriptionController {

    private final Subscriptions subscriptions;
    private final Forecasts forecasts;
    private final PromisedPayments promised;
    private final UserServiceScope scope;

    SubscriptionController(
            Subscriptions subscriptions, Forecasts forecasts, PromisedPayments promised, UserServiceScope scope) {
        this.subscriptions = subscriptions;
        this.forecasts = forecasts;
        this.promised = promised;
        this.scope = scope;
    }

    @RequiresPermission(Permissions.SUBSCRIPTIONS_WRITE)
    @PostMapping("/api/v1/accounts/{id}/services")
    ResponseEntity<ServiceActionResult> order(
            @PathVariable long id,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody NewUserService order,
            Authentication caller) {
        var problems = new InvalidRequestException.Collector();
        if (order.serviceId() == null) {
            problems.add("serviceId", "is required");
        }
        int quantity = order.quantity() == null ? 1 : order.quantity();
        if (quantity < 1 || quantity > 1000) {
            problems.add("quantity", "must be from 1 to 1000");
        }
        if (key != null && (key.isBlank() || key.length() > 200)) {
            problems.add("Idempotency-Key", "must be 1 to 200 characters");
        }
        problems.throwIfAny();
        var result = subscriptions.order(
                id,
                new ServiceActions.Order(order.serviceId(), quantity, order.settings()),
                key,
                caller.getName(),
                dryRun);
        HttpStatus status = result.replayed() || dryRun ? HttpStatus.OK : HttpStatus.CREATED;
        return ResponseEntity.status(status).body(result);
    }

    @RequiresPermission(
            value = {Permissions.SUBSCRIPTIONS_READ, Permissions.SELF},
            account = "id")
    @GetMapping("/api/v1/accounts/{id}/services")
    List<UserServiceView> ofAccount(@PathVariable long id) {
        return subscriptions.ofAccount(id);
    }

    @RequiresPermission({Permissions.SUBSCRIPTIONS_READ, Permissions.SELF})
    @GetMapping("/api/v1/user-services/{id}")
    UserServiceView get(@PathVariable long id) {
        scope.require(id);
        return subscriptions.get(id);
    }

    @RequiresPermission({Permissions.SUBSCRIPTIONS_READ, Permissions.SELF})
    @GetMapping("/api/v1/user-services/{id}/history")
    List<UserServiceEventView> history(@PathVariable long id) {
        scope.require(id);
        return subscriptions.history(id);
    }

    @RequiresPermission(Permissions.SUBSCRIPTIONS_WRITE)
    @PostMapping("/api/v1/user-services/{id}/stop")
    ServiceActionResult stop(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean dryRun, Authentication caller) {
        return subscriptions.stop(id, caller.getName(), dryRun);
    }

    @RequiresPermission({Permissions.SUBSCRIPTIONS_WRITE, Permissions.ACCOUNTS_BLOCK})
    @PostMapping("/api/v1/user-services/{id}/block")
    ServiceActionResult block(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean dryRun, Authentication caller) {
        return subscriptions.block(id, caller.getName(), dryRun);
    }

    @RequiresPermission({Permissions.SUBSCRIPTIONS_WRITE, Permissions.ACCOUNTS_BLOCK})
    @PostMapping("/api/v1/user-services/{id}/activate")
    ServiceActionResult activate(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean dryRun, Authentication caller) {
        return subscriptions.activate(id, caller.getName(), dryRun);
    }

    /** Marks a failed provisioning done by hand. */
    @RequiresPermission(Permissions.SUBSCRIPTIONS_WRITE)
    @PostMapping("/api/v1/user-services/{id}/skip")
    ServiceActionResult skip(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean dryRun, Authentication caller) {
        return subscriptions.skip(id, caller.getName(), dryRun);
    }

    @RequiresPermission(Permissions.SUBSCRIPTIONS_WRITE)
    @PostMapping("/api/v1/user-services/{id}/freeze")
    ServiceActionResult freeze(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody FreezeRequest freeze,
            Authentication caller) {
        return subscriptions.freeze(id, freeze.days(), caller.getName(), dryRun);
    }

    @RequiresPermission(Permissions.SUBSCRIPTIONS_WRITE)
    @PostMapping("/api/v1/user-services/{id}/change")
    ServiceActionResult change(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody TariffChange change,
            Authentication caller) {
        return subscriptions.change(id, change.serviceId(), caller.getName(), dryRun);
    }

    @RequiresPermission(
            value = {Permissions.SUBSCRIPTIONS_READ, Permissions.SELF},
            account = "id")
    @GetMapping("/api/v1/accounts/{id}/forecast")
    Forecast forecast(@PathVariable long id, @RequestParam(defaultValue = "30") int days) {
        return forecasts.forecast(id, days);
    }

    @RequiresPermission(Permissions.PAYMENTS_WRITE)
    @PostMapping("/api/v1/accounts/{id}/promised-payment")
    ResponseEntity<PostingResult> promise(
            @PathVariable long id,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody NewPromisedPayment request,
            Authentication caller) {
        var result = promised.take(id, request.amount(), request.days(), key, caller.getName(), dryRun);
        HttpStatus status = result.replayed() || dryRun ? HttpStatus.OK : HttpStatus.CREATED;
        return ResponseEntity.status(status).body(result);
    }

    @RequiresPermission(
            value = {Permissions.LEDGER_READ, Permissions.SELF},
            account = "id")
    @GetMapping("/api/v1/accounts/{id}/promised-payments")
    List<PromisedPaymentView> promisedPayments(@PathVariable long id) {
        return promised.ofAccount(id);
    }
}
