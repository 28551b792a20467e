package io.lastmile.fiscal.invoice;

import io.lastmile.fiscal.payment.Invoice.InvoiceStatus;
import io.lastmile.platform.security.AccountScope;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoices: the cabinet (a subscriber, for their own account) or an operator starts a payment
 * and gets where to send the subscriber; lists, reads and cancels invoices. Another account's
 * invoice answers a subscriber 404, as a missing one.
 */
@RestController
class InvoiceController {

    private static final int MAX_LIMIT = 500;

    private final InvoiceDesk desk;
    private final InvoiceQueryRepository invoices;

    InvoiceController(InvoiceDesk desk, InvoiceQueryRepository invoices) {
        this.desk = desk;
        this.invoices = invoices;
    }

    @RequiresPermission({Permissions.PAYMENTS_WRITE, Permissions.FISCAL_WRITE, Permissions.SELF})
    @PostMapping("/api/v1/invoices")
    ResponseEntity<CreatedInvoice> create(@RequestBody NewInvoice request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        Long own =
                AccountScope.isScoped(caller) ? AccountScope.accountOf(caller).orElse(-1L) : null;
        CreatedInvoice created = desk.create(request, own);
        return ResponseEntity.created(
                        URI.create("/api/v1/invoices/" + created.invoice().id()))
                .body(created);
    }

    @RequiresPermission({Permissions.FISCAL_READ, Permissions.PAYMENTS_WRITE, Permissions.SELF})
    @GetMapping("/api/v1/invoices/suggested-amount")
    SuggestedAmount suggestedAmount(@RequestParam long accountId) {
        return desk.suggested(accountId);
    }

    @RequiresPermission({Permissions.FISCAL_READ, Permissions.SELF})
    @GetMapping("/api/v1/invoices")
    InvoicePage list(
            @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") int limit) {
        InvalidRequestException.Collector errors = new InvalidRequestException.Collector();
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add("limit", "must be between 1 and " + MAX_LIMIT);
        }
        InvoiceStatus statusFilter = null;
        if (status != null && !status.isBlank()) {
            try {
                statusFilter = InvoiceStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("status", "must be one of " + Arrays.toString(InvoiceStatus.values()));
            }
        }
        errors.throwIfAny();
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (AccountScope.isScoped(caller)) {
            long own = AccountScope.accountOf(caller).orElse(-1L);
            if (accountId != null && accountId != own) {
                return new InvoicePage(List.of(), null);
            }
            accountId = own;
        }
        String p =
                provider == null || provider.isBlank() ? null : provider.strip().toLowerCase(Locale.ROOT);
        List<InvoiceView> items = invoices.find(new InvoiceFilter(accountId, p, statusFilter, from, to, before, limit));
        return new InvoicePage(items, items.size() == limit ? items.getLast().id() : null);
    }

    @RequiresPermission({Permissions.FISCAL_READ, Permissions.SELF})
    @GetMapping("/api/v1/invoices/{id}")
    InvoiceView get(@PathVariable long id) {
        return desk.get(id);
    }

    @RequiresPermission({Permissions.PAYMENTS_WRITE, Permissions.FISCAL_WRITE, Permissions.SELF})
    @PostMapping("/api/v1/invoices/{id}/cancel")
    InvoiceView cancel(@PathVariable long id) {
        return desk.cancel(id);
    }

    @ExceptionHandler(UpstreamException.class)
    ProblemDetail upstream(UpstreamException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status().value() == 502 ? "Payment provider unavailable" : "Service unavailable");
        return problem;
    }

    /** One page of invoices, newest first; {@code nextBefore} is the next page's {@code before}. */
    record InvoicePage(List<InvoiceView> items, Long nextBefore) {}
}
