package io.lastmile.billing.subscription;

import io.lastmile.billing.api.PostingResult;
import io.lastmile.billing.api.PromisedPaymentView;
import io.lastmile.billing.ledger.EntryDraft;
import io.lastmile.billing.ledger.EntryKind;
import io.lastmile.billing.ledger.Ledger;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Promised payments: a credit of up to the operator's limit for a few days, once per cooldown,
 * booked at once and taken back by the billing clock at its end.
 */
@Service
public class PromisedPayments {

    private final PromisedPaymentRepository repository;
    private final UserServiceRepository accounts;
    private final Ledger ledger;
    private final SubscriptionProperties properties;
    private final Clock clock;

    PromisedPayments(
            PromisedPaymentRepository repository,
            UserServiceRepository accounts,
            Ledger ledger,
            SubscriptionProperties properties,
            Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** Takes a promised payment; with {@code dryRun} only checks it and shows the entry. */
    @Transactional
    public PostingResult take(
            long accountId, BigDecimal amount, Integer days, String key, String actor, boolean dryRun) {
        AccountState account = accounts.lockAccount(accountId, false)
                .orElseThrow(() -> new NotFoundException("no account with id " + accountId));
        Instant now = clock.instant();
        int term = days == null ? properties.promisedMaxDays() : days;
        validate(account, amount, term);
        String bookingKey = key != null ? key : "promised:" + accountId + ":" + now.toEpochMilli();
        PostingResult posted = ledger.post(
                EntryDraft.promised(
                        EntryKind.PROMISED_PAYMENT, accountId, amount, account.currency(), null, bookingKey, actor),
                dryRun);
        if (!dryRun && !posted.replayed()) {
            repository.insert(accountId, amount, posted.entry().id(), now, Periods.plusDays(now, account.zone(), term));
        }
        return posted;
    }

    private void validate(AccountState account, BigDecimal amount, int term) {
        var problems = new InvalidRequestException.Collector();
        int digits = Currency.getInstance(account.currency()).getDefaultFractionDigits();
        if (amount == null || amount.signum() <= 0) {
            problems.add("amount", "is required and must be positive");
        } else if (amount.compareTo(properties.promisedMaxAmount()) > 0) {
            problems.add("amount", "must be at most " + properties.promisedMaxAmount());
        } else if (amount.stripTrailingZeros().scale() > digits) {
            problems.add("amount", amount + " has more decimals than " + account.currency() + " allows");
        }
        if (term < 1 || term > properties.promisedMaxDays()) {
            problems.add("days", "must be from 1 to " + properties.promisedMaxDays());
        }
        problems.throwIfAny();
        Instant now = clock.instant();
        for (PromisedPaymentView p : repository.ofAccount(account.id())) {
            if (p.returnEntryId() == null) {
                throw new ConflictException(
                        "a promised payment of " + p.amount() + " is still open until " + p.dueAt());
            }
            Instant next = Periods.plusDays(p.takenAt(), account.zone(), properties.promisedCooldownDays());
            if (now.isBefore(next)) {
                throw new ConflictException("one promised payment per " + properties.promisedCooldownDays()
                        + " days: the last was taken at " + p.takenAt() + ", the next is possible from " + next);
            }
        }
    }

    @Transactional(readOnly = true)
    public List<PromisedPaymentView> ofAccount(long accountId) {
        return repository.ofAccount(accountId);
    }

    /** Takes back the account's promised payments whose term has ended (the clock holds the lock). */
    void returnDue(long accountId, Instant now) {
        for (PromisedPaymentView p : repository.due(accountId, now)) {
            AccountState account = accounts.lockAccount(accountId, false).orElseThrow();
            PostingResult back = ledger.post(
                    EntryDraft.promised(
                            EntryKind.PROMISED_PAYMENT_RETURN,
                            accountId,
                            p.amount(),
                            account.currency(),
                            p.entryId(),
                            "promised-return:" + p.id(),
                            Wallet.CLOCK_ACTOR),
                    false);
            repository.returned(p.id(), back.entry().id());
        }
    }

    List<Long> dueAccounts(Instant now, long after, int limit) {
        return repository.dueAccounts(now, after, limit);
    }
}
