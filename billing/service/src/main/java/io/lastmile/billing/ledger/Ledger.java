package io.lastmile.billing.ledger;

import io.lastmile.billing.api.LedgerCheck;
import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.api.PostingResult;
import io.lastmile.billing.audit.AuditTrail;
import io.lastmile.billing.db.tables.records.LedgerEntryRecord;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only way money moves: each entry is booked in the same transaction as the account's new
 * balance, under the account's row lock, once per idempotency key.
 */
@Service
public class Ledger {

    /** Entries an operator decides on, not the flow of payments and charges: each goes to the audit. */
    private static final Set<EntryKind> AUDITED = EnumSet.of(
            EntryKind.CORRECTION,
            EntryKind.REFUND,
            EntryKind.BONUS_GRANT,
            EntryKind.PROMISED_PAYMENT,
            EntryKind.PAYMENT_REFUND);

    private final LedgerRepository entries;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    Ledger(LedgerRepository entries, Clock clock, ApplicationEventPublisher events, AuditTrail audit) {
        this.entries = entries;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    /** Books the entry, or with `dryRun` shows what it would book and changes nothing. */
    @Transactional
    public PostingResult post(EntryDraft draft, boolean dryRun) {
        var replay = replayOf(draft);
        if (replay != null) {
            return replay;
        }
        LedgerRepository.LockedAccount account = entries.lockAccount(draft.accountId())
                .orElseThrow(() -> new NotFoundException("no account with id " + draft.accountId()));
        if (draft.kind() == EntryKind.PAYMENT_REFUND) {
            // a request with the same key may have committed while we waited for the lock: its
            // refund must answer as a replay, not count against the payment
            var committed = replayOf(draft);
            if (committed != null) {
                return committed;
            }
        }
        validate(draft, account);
        if (draft.kind() == EntryKind.PAYMENT_REFUND) {
            withinPayment(draft);
        }
        boolean bonus = draft.kind().wallet() == EntryKind.Wallet.BONUS;
        BigDecimal balance = bonus ? account.balance() : account.balance().add(draft.signedAmount());
        BigDecimal bonusBalance = bonus ? account.bonus().add(draft.signedAmount()) : account.bonus();
        if (bonusBalance.signum() < 0) {
            throw InvalidRequestException.of("amount", "the account has only " + account.bonus() + " bonus to spend");
        }
        BigDecimal after = bonus ? bonusBalance : balance;
        Instant now = clock.instant();
        if (dryRun) {
            return new PostingResult(unsaved(draft, after, now), false, true);
        }
        var inserted = entries.insert(draft, after, now);
        if (inserted.isEmpty()) {
            // a concurrent request with the same key committed between our check and our insert
            return replayOf(draft);
        }
        entries.setBalances(account.id(), balance, bonusBalance, now);
        if (!bonus && draft.signedAmount().signum() > 0) {
            events.publishEvent(new BalanceRaised(account.id()));
        }
        var view = LedgerRepository.view(inserted.get());
        if (AUDITED.contains(draft.kind())) {
            audit.record(
                    draft.actor(),
                    "ledger." + draft.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    "account " + account.id(),
                    "entry " + view.id() + ": " + draft.signedAmount().toPlainString() + " " + draft.currency()
                            + (draft.reason() == null ? "" : ", " + draft.reason()));
        }
        if (draft.kind() == EntryKind.PAYMENT) {
            events.publishEvent(
                    new PaymentBooked(account.id(), view.id(), view.amount(), view.currency(), view.paymentMethod()));
        }
        return new PostingResult(view, false, false);
    }

    /**
     * Books many service charges at once, all or nothing, for accounts the caller has locked (the
     * billing clock's batch path). Balances may not go below the credit the caller checked; the
     * caller decides that. Throws if any key was already booked, so the batch rolls back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void postCharges(List<EntryDraft> drafts) {
        if (drafts.isEmpty()) {
            return;
        }
        Map<Long, BigDecimal> balances = new HashMap<>();
        Map<Long, LedgerRepository.LockedAccount> accounts = entries.balances(
                drafts.stream().map(EntryDraft::accountId).distinct().toList());
        List<BigDecimal> after = new ArrayList<>(drafts.size());
        for (EntryDraft d : drafts) {
            var account = accounts.get(d.accountId());
            if (d.kind() != EntryKind.CHARGE
                    || account == null
                    || d.amount().signum() <= 0
                    || !account.currency().equals(d.currency())) {
                throw new IllegalArgumentException("not a charge this batch can book: " + d);
            }
            BigDecimal balance =
                    balances.getOrDefault(d.accountId(), account.balance()).add(d.signedAmount());
            balances.put(d.accountId(), balance);
            after.add(balance);
        }
        Instant now = clock.instant();
        int inserted = entries.insertAll(drafts, after, now);
        if (inserted != drafts.size()) {
            throw new IllegalStateException((drafts.size() - inserted) + " of " + drafts.size()
                    + " charges were already booked; the batch is rolled back");
        }
        entries.setMoneyBalances(balances, now);
    }

    /** The account's currency (404 if there is no such account). */
    @Transactional(readOnly = true)
    public String currencyOf(long accountId) {
        return entries.currencyOf(accountId)
                .orElseThrow(() -> new NotFoundException("no account with id " + accountId));
    }

    @Transactional(readOnly = true)
    public List<LedgerEntryView> entries(long accountId, Long beforeId, int limit) {
        return entries.entries(accountId, beforeId, Math.clamp(limit, 1, 1000));
    }

    /** The entries booked for a user service (its charges, refunds, bonus spent), oldest first. */
    @Transactional(readOnly = true)
    public List<LedgerEntryView> entriesOfService(long userServiceId) {
        return entries.entriesOfService(userServiceId);
    }

    @Transactional(readOnly = true)
    public LedgerCheck check() {
        return entries.check();
    }

    private PostingResult replayOf(EntryDraft draft) {
        LedgerEntryRecord existing = entries.findByKey(draft.idempotencyKey()).orElse(null);
        if (existing == null) {
            return null;
        }
        if (!existing.getRequestDigest().equals(draft.requestDigest())) {
            throw new ConflictException("idempotency key '" + draft.idempotencyKey()
                    + "' was already used for a different request (entry " + existing.getId() + ")");
        }
        return new PostingResult(LedgerRepository.view(existing), true, false);
    }

    void validate(EntryDraft draft, LedgerRepository.LockedAccount account) {
        var problems = new InvalidRequestException.Collector();
        if (draft.amount() == null || draft.amount().signum() == 0) {
            problems.add("amount", "is required and must not be zero");
        } else if (draft.kind() != EntryKind.CORRECTION && draft.amount().signum() < 0) {
            problems.add("amount", "must be positive");
        }
        if (draft.currency() == null || !draft.currency().equals(account.currency())) {
            problems.add("currency", "must be the account's currency, " + account.currency());
        } else if (draft.amount() != null
                && draft.amount().stripTrailingZeros().scale()
                        > Currency.getInstance(account.currency()).getDefaultFractionDigits()) {
            problems.add("amount", draft.amount() + " has more decimals than " + account.currency() + " allows");
        }
        if (draft.kind() == EntryKind.CORRECTION
                && (draft.reason() == null || draft.reason().isBlank())) {
            problems.add("reason", "a correction needs a reason");
        }
        // a payment refund's entry is checked by withinPayment, with the answers a refund needs
        if (draft.correctsEntryId() != null && draft.kind() != EntryKind.PAYMENT_REFUND) {
            var corrected = entries.find(draft.correctsEntryId());
            if (corrected.isEmpty() || corrected.get().getAccountId() != draft.accountId()) {
                problems.add("correctsEntryId", "no entry " + draft.correctsEntryId() + " on this account");
            }
        }
        problems.throwIfAny();
    }

    /**
     * A payment refund must point at a PAYMENT of this account in the same currency, and the
     * refunds of that payment never sum to more than it. Called under the account's row lock, so
     * that two refunds of one payment are checked one after the other.
     */
    private void withinPayment(EntryDraft draft) {
        long paymentId = draft.correctsEntryId();
        LedgerEntryRecord payment = entries.find(paymentId)
                .filter(e -> e.getAccountId() == draft.accountId())
                .orElseThrow(() -> new NotFoundException(
                        "no entry " + paymentId + " on account " + draft.accountId() + " to refund"));
        if (!EntryKind.PAYMENT.name().equals(payment.getKind())) {
            throw InvalidRequestException.of(
                    "entryId",
                    "entry " + paymentId + " is a " + payment.getKind() + ", not a PAYMENT: only payments are refunded"
                            + " (a correction takes back anything else)");
        }
        if (!payment.getCurrency().equals(draft.currency())) {
            throw InvalidRequestException.of("currency", "must be the payment's currency, " + payment.getCurrency());
        }
        BigDecimal left = payment.getAmount().subtract(entries.refundedOf(paymentId));
        if (draft.amount().compareTo(left) > 0) {
            throw new RefundExceedsPaymentException(
                    paymentId, payment.getAmount(), left, draft.amount(), payment.getCurrency());
        }
    }

    private static LedgerEntryView unsaved(EntryDraft d, BigDecimal after, Instant now) {
        return new LedgerEntryView(
                null,
                d.accountId(),
                d.kind().name(),
                d.signedAmount(),
                d.currency(),
                after,
                d.correctsEntryId(),
                d.paymentMethod(),
                d.externalId(),
                d.userServiceId(),
                d.periodStart(),
                d.periodEnd(),
                d.reason(),
                d.actor(),
                now,
                d.priceId());
    }
}
