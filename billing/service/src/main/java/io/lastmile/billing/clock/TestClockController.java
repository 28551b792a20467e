package io.lastmile.billing.clock;

import io.lastmile.billing.api.ClockMove;
import io.lastmile.billing.api.ClockView;
import io.lastmile.billing.subscription.BillingClock;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time travel for tests and demos: moves the billing module's clock and returns once the billing
 * clock has processed everything due up to the new time. Exists only with the test clock enabled.
 */
@RestController
@ConditionalOnProperty("lastmile.billing.test-clock.enabled")
class TestClockController {

    private final MutableClock clock;
    private final BillingClock billingClock;

    TestClockController(MutableClock clock, BillingClock billingClock) {
        this.clock = clock;
        this.billingClock = billingClock;
    }

    @RequiresPermission(Permissions.MODULES_ADMIN)
    @GetMapping("/api/v1/test/clock")
    ClockView now() {
        return new ClockView(clock.instant(), 0);
    }

    @RequiresPermission(Permissions.MODULES_ADMIN)
    @PostMapping("/api/v1/test/clock")
    synchronized ClockView move(@RequestBody ClockMove move) {
        // moving back is allowed (tests set each scenario's own date); what was processed stays
        Instant to = target(move, clock.instant());
        clock.set(to);
        return new ClockView(to, billingClock.runDue(to));
    }

    private static Instant target(ClockMove move, Instant from) {
        if ((move.now() == null) == (move.advance() == null)) {
            throw InvalidRequestException.of("now", "give either now (an ISO instant) or advance (P15D, PT12H)");
        }
        if (move.now() != null) {
            return move.now();
        }
        try {
            String iso = move.advance().toUpperCase();
            if (iso.contains("T")) {
                return from.plus(Duration.parse(iso));
            }
            return from.atZone(ZoneOffset.UTC).plus(Period.parse(iso)).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(
                    "advance", "'" + move.advance() + "' is not an ISO period like P15D or PT12H");
        }
    }
}
