package io.lastmile.fiscal.payments;

import io.lastmile.platform.security.AccountScope;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments as fiscal booked them: operators filter all of them; a subscriber sees only their own
 * account's (another account's payment answers 404, as a missing one).
 */
@RestController
class PaymentController {

    static final int MAX_LIMIT = 500;
    private static final List<String> METHODS = List.of("CASH", "ELECTRONIC");

    private final PaymentQueryRepository payments;

    PaymentController(PaymentQueryRepository payments) {
        this.payments = payments;
    }

    @RequiresPermission({Permissions.FISCAL_READ, Permissions.SELF})
    @GetMapping("/api/v1/payments")
    @Transactional(readOnly = true)
    PaymentPage list(
            @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) String contract,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String method,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Boolean testMode,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") int limit) {
        InvalidRequestException.Collector errors = new InvalidRequestException.Collector();
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String m = method == null || method.isBlank() ? null : method.strip().toUpperCase(Locale.ROOT);
        if (m != null && !METHODS.contains(m)) {
            errors.add("method", "must be one of " + METHODS);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add("to", "must be after from");
        }
        errors.throwIfAny();
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (AccountScope.isScoped(caller)) {
            long own = AccountScope.accountOf(caller).orElse(-1L);
            if (accountId != null && accountId != own) {
                return new PaymentPage(List.of(), null);
            }
            accountId = own;
        }
        List<PaymentView> items = payments.find(new PaymentFilter(
                accountId, blankToNull(contract), blankToNull(provider), m, from, to, testMode, before, limit));
        Long next = items.size() == limit ? items.getLast().id() : null;
        return new PaymentPage(items, next);
    }

    @RequiresPermission({Permissions.FISCAL_READ, Permissions.SELF})
    @GetMapping("/api/v1/payments/{id}")
    @Transactional(readOnly = true)
    PaymentView get(@PathVariable long id) {
        PaymentView payment = payments.get(id).orElseThrow(() -> notFound(id));
        if (payment.accountId() == null) {
            if (AccountScope.isScoped(SecurityContextHolder.getContext().getAuthentication())) {
                throw notFound(id);
            }
        } else {
            AccountScope.require(payment.accountId(), () -> "no payment with id " + id);
        }
        return payment;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no payment with id " + id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
