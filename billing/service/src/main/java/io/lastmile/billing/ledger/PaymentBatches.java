package io.lastmile.billing.ledger;

import io.lastmile.billing.api.PostingResult;
import io.lastmile.billing.db.tables.records.LedgerEntryRecord;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Books a batch of payments with a handful of statements whatever its size: the accounts locked
 * at once (in id order), the keys looked up at once, the entries inserted with one statement and
 * the balances set with one. Each payment follows {@link Ledger#post}'s rules and gets its own
 * answer. If a parallel request booked one of the keys between the look-up and the insert, the
 * whole batch is rolled back and refused with 409, to be posted again as it is (each key then
 * answers as a replay).
 */
@Service
public class PaymentBatches {

    private final LedgerRepository entries;
    private final Ledger ledger;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    PaymentBatches(LedgerRepository entries, Ledger ledger, Clock clock, ApplicationEventPublisher events) {
        this.entries = entries;
        this.ledger = ledger;
        this.clock = clock;
        this.events = events;
    }

    /** One payment of a batch: what it booked (or replayed), or the status and words it was refused with. */
    public record Outcome(PostingResult posting, int status, String detail) {}

    @Transactional
    public List<Outcome> post(List<EntryDraft> drafts) {
        Outcome[] outcomes = new Outcome[drafts.size()];
        var accounts = entries.lockAccounts(
                drafts.stream().map(EntryDraft::accountId).distinct().toList());
        Map<String, LedgerEntryRecord> booked = entries.findByKeys(
                drafts.stream().map(EntryDraft::idempotencyKey).toList());
        Map<Long, BigDecimal> balances = new LinkedHashMap<>();
        List<Integer> accepted = new ArrayList<>();
        List<BigDecimal> after = new ArrayList<>();
        for (int i : inAccountOrder(drafts)) {
            EntryDraft d = drafts.get(i);
            if (d.kind() != EntryKind.PAYMENT) {
                throw new IllegalArgumentException("only payments are booked in a batch: " + d.kind());
            }
            LedgerEntryRecord before = booked.get(d.idempotencyKey());
            var account = accounts.get(d.accountId());
            if (before != null) {
                outcomes[i] = before.getRequestDigest().equals(d.requestDigest())
                        ? new Outcome(new PostingResult(LedgerRepository.view(before), true, false), 200, null)
                        : new Outcome(
                                null,
                                409,
                                "idempotency key '" + d.idempotencyKey()
                                        + "' was already used for a different request (entry " + before.getId() + ")");
            } else if (account == null) {
                outcomes[i] = new Outcome(null, 404, "no account with id " + d.accountId());
            } else if (refusal(d, account) instanceof String problem) {
                outcomes[i] = new Outcome(null, 400, problem);
            } else {
                BigDecimal balance =
                        balances.getOrDefault(d.accountId(), account.balance()).add(d.signedAmount());
                balances.put(d.accountId(), balance);
                accepted.add(i);
                after.add(balance);
            }
        }
        if (!accepted.isEmpty()) {
            book(drafts, accepted, after, balances, outcomes);
        }
        return List.of(outcomes);
    }

    private void book(
            List<EntryDraft> drafts,
            List<Integer> accepted,
            List<BigDecimal> after,
            Map<Long, BigDecimal> balances,
            Outcome[] outcomes) {
        Instant now = clock.instant();
        List<EntryDraft> toInsert = accepted.stream().map(drafts::get).toList();
        var inserted = entries.insertPayments(toInsert, after, now);
        if (inserted.size() != toInsert.size()) {
            // rolls the batch back; nothing of it stays booked
            throw new ConflictException("a parallel request booked one of the batch's payment keys meanwhile;"
                    + " post the batch again: each key then answers as booked or replayed");
        }
        entries.setMoneyBalances(balances, now);
        events.publishEvent(new BalancesRaised(balances.keySet()));
        for (int i : accepted) {
            var view = inserted.get(drafts.get(i).idempotencyKey());
            events.publishEvent(new PaymentBooked(
                    view.accountId(), view.id(), view.amount(), view.currency(), view.paymentMethod()));
            outcomes[i] = new Outcome(new PostingResult(view, false, false), 201, null);
        }
    }

    /** What the single endpoint would refuse the payment for, or null. */
    private String refusal(EntryDraft d, LedgerRepository.LockedAccount account) {
        try {
            ledger.validate(d, account);
            return null;
        } catch (InvalidRequestException e) {
            return e.errors().toString();
        }
    }

    /** Indexes by account id, then by position: the order the single path would lock and book in. */
    private static Integer[] inAccountOrder(List<EntryDraft> drafts) {
        Integer[] order = new Integer[drafts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> drafts.get(i).accountId()));
        return order;
    }
}
