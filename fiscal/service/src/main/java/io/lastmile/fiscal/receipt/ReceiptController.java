package io.lastmile.fiscal.receipt;

import io.lastmile.platform.security.AccountScope;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fiscal receipts: operators list and read them and send a failed one again; a subscriber sees
 * the receipts of their own account only (another's answers 404, as a missing one).
 */
@RestController
class ReceiptController {

    private static final int MAX_LIMIT = 500;
    private final ReceiptRepository receipts;
    private final ReceiptJob job;

    ReceiptController(ReceiptRepository receipts, ReceiptJob job) {
        this.receipts = receipts;
        this.job = job;
    }

    @RequiresPermission({Permissions.FISCAL_READ, Permissions.SELF})
    @GetMapping("/api/v1/receipts")
    List<ReceiptView> list(
            @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) Long paymentId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "50") int limit) {
        InvalidRequestException.Collector errors = new InvalidRequestException.Collector();
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add("limit", "must be between 1 and " + MAX_LIMIT);
        }
        ReceiptStatus statusFilter = parse(ReceiptStatus.class, "status", status, errors);
        ReceiptKind kindFilter = parse(ReceiptKind.class, "kind", kind, errors);
        errors.throwIfAny();
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (AccountScope.isScoped(caller)) {
            long own = AccountScope.accountOf(caller).orElse(-1L);
            if (accountId != null && accountId != own) {
                return List.of();
            }
            accountId = own;
        }
        return receipts
                .find(new ReceiptFilter(accountId, statusFilter, kindFilter, paymentId, from, to, limit))
                .stream()
                .map(ReceiptView::of)
                .toList();
    }

    @RequiresPermission({Permissions.FISCAL_READ, Permissions.SELF})
    @GetMapping("/api/v1/receipts/{id}")
    ReceiptView get(@PathVariable long id) {
        Receipt receipt = receipts.get(id).orElseThrow(() -> notFound(id));
        if (receipt.accountId() == null) {
            if (AccountScope.isScoped(SecurityContextHolder.getContext().getAuthentication())) {
                throw notFound(id);
            }
        } else {
            AccountScope.require(receipt.accountId(), () -> "no receipt with id " + id);
        }
        return ReceiptView.of(receipt);
    }

    @RequiresPermission(Permissions.FISCAL_WRITE)
    @PostMapping("/api/v1/receipts/{id}/retry")
    ReceiptView retry(@PathVariable long id) {
        return ReceiptView.of(job.retry(id));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no receipt with id " + id);
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, String field, String value, InvalidRequestException.Collector errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    /** A receipt on the API: what it says, its state, and its fiscal attributes once registered. */
    record ReceiptView(
            long id,
            String kind,
            long paymentId,
            Long refundId,
            String externalId,
            Long accountId,
            BigDecimal amount,
            String currency,
            String paymentType,
            String status,
            String registrar,
            String registrarUuid,
            int attempts,
            String errorCode,
            String errorText,
            FiscalReport.FiscalAttributes fiscal,
            Instant createdAt,
            Instant updatedAt) {

        static ReceiptView of(Receipt r) {
            return new ReceiptView(
                    r.id(),
                    r.kind().name(),
                    r.paymentId(),
                    r.refundId(),
                    r.externalId(),
                    r.accountId(),
                    r.amount(),
                    r.currency(),
                    r.cash() ? "cash" : "electronic",
                    r.status().name(),
                    r.registrar(),
                    r.registrarUuid(),
                    r.attempts(),
                    r.errorCode(),
                    r.errorText(),
                    r.fiscal(),
                    r.createdAt(),
                    r.updatedAt());
        }
    }
}
