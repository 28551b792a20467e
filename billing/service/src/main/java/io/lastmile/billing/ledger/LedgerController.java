package io.lastmile.billing.ledger;

import io.lastmile.billing.api.LedgerCheck;
import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.api.NewBonus;
import io.lastmile.billing.api.NewCorrection;
import io.lastmile.billing.api.NewPayment;
import io.lastmile.billing.api.NewPaymentRefund;
import io.lastmile.billing.api.PostingResult;
import io.lastmile.platform.security.Callers;
import io.lastmile.platform.security.PermissionDeniedException;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
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

/** Payments, corrections and the ledger of an account; every money-moving call is idempotent. */
@RestController
class LedgerController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @RequiresPermission(Permissions.PAYMENTS_WRITE)
    @PostMapping("/api/v1/accounts/{id}/payments")
    ResponseEntity<PostingResult> pay(
            @PathVariable long id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody NewPayment payment,
            Authentication caller) {
        EntryDraft draft = EntryDraft.payment(
                id,
                payment.amount(),
                payment.currency(),
                payment.method(),
                payment.externalId(),
                required(key),
                caller.getName());
        return answer(ledger.post(draft, dryRun));
    }

    /**
     * Money returned to the payer of the payment entry {@code entryId} (a payment system's refund):
     * a PAYMENT_REFUND that takes it off the balance, which may go below zero.
     */
    @RequiresPermission(Permissions.PAYMENTS_WRITE)
    @PostMapping("/api/v1/accounts/{id}/payments/{entryId}/refunds")
    ResponseEntity<PostingResult> refundPayment(
            @PathVariable long id,
            @PathVariable long entryId,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody NewPaymentRefund refund,
            Authentication caller) {
        EntryDraft draft = EntryDraft.paymentRefund(
                id,
                entryId,
                refund.amount(),
                refund.currency(),
                refund.externalId(),
                refund.reason(),
                required(key),
                caller.getName());
        return answer(ledger.post(draft, dryRun));
    }

    @RequiresPermission(Permissions.LEDGER_CORRECT)
    @PostMapping("/api/v1/accounts/{id}/corrections")
    ResponseEntity<PostingResult> correct(
            @PathVariable long id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody NewCorrection correction,
            Authentication caller) {
        withinCorrectionLimit(correction.amount(), caller);
        EntryDraft draft = EntryDraft.correction(
                id,
                correction.amount(),
                correction.currency(),
                correction.correctsEntryId(),
                correction.reason(),
                required(key),
                caller.getName());
        return answer(ledger.post(draft, dryRun));
    }

    @RequiresPermission(Permissions.LEDGER_CORRECT)
    @PostMapping("/api/v1/accounts/{id}/bonuses")
    ResponseEntity<PostingResult> grantBonus(
            @PathVariable long id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody NewBonus bonus,
            Authentication caller) {
        if (bonus.reason() == null || bonus.reason().isBlank()) {
            throw InvalidRequestException.of("reason", "a bonus grant needs a reason");
        }
        withinCorrectionLimit(bonus.amount(), caller);
        String currency = ledger.currencyOf(id);
        EntryDraft draft =
                EntryDraft.bonusGrant(id, bonus.amount(), currency, bonus.reason(), required(key), caller.getName());
        return answer(ledger.post(draft, dryRun));
    }

    @RequiresPermission(
            value = {Permissions.LEDGER_READ, Permissions.SELF},
            account = "id")
    @GetMapping("/api/v1/accounts/{id}/ledger")
    List<LedgerEntryView> entries(
            @PathVariable long id,
            @RequestParam(required = false) Long beforeId,
            @RequestParam(defaultValue = "100") int limit) {
        return ledger.entries(id, beforeId, limit);
    }

    /** Compares every account's stored balances with the sums of its ledger. */
    @RequiresPermission(Permissions.LEDGER_READ)
    @GetMapping("/api/v1/ledger/check")
    LedgerCheck check() {
        return ledger.check();
    }

    /**
     * A cashier's token carries the largest correction (or bonus) they may post; a larger one, of
     * either sign, is refused before anything is booked.
     */
    private static void withinCorrectionLimit(BigDecimal amount, Authentication caller) {
        Optional<BigDecimal> limit = Callers.correctionLimit(caller);
        if (amount != null && limit.isPresent() && amount.abs().compareTo(limit.get()) > 0) {
            throw PermissionDeniedException.aboveCorrectionLimit(amount, limit.get());
        }
    }

    private static String required(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw InvalidRequestException.of(
                    IDEMPOTENCY_KEY, "header is required (1 to 200 characters): a unique key per money movement");
        }
        return key;
    }

    /** 201 when something was booked; 200 for a replay or a dry run, which book nothing. */
    private static ResponseEntity<PostingResult> answer(PostingResult result) {
        boolean booked = !result.replayed() && !result.dryRun();
        return ResponseEntity.status(booked ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result);
    }
}
