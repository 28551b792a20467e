package io.lastmile.billing.subscription;

import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.api.ServiceActionResult;
import io.lastmile.billing.api.UserServiceEventView;
import io.lastmile.billing.api.UserServiceView;
import io.lastmile.billing.catalog.Catalog;
import io.lastmile.billing.catalog.Tariff;
import io.lastmile.billing.ledger.Ledger;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators and subscribers do with user services. Each call runs in one transaction that
 * holds the account's lock; with {@code dryRun} it runs in full and is rolled back, so the answer
 * shows exactly what would have happened.
 */
@Service
public class Subscriptions {

    private final UserServiceRepository repository;
    private final Catalog catalog;
    private final Ledger ledger;
    private final ServiceActions actions;
    private final Transitions transitions;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Subscriptions(
            UserServiceRepository repository,
            Catalog catalog,
            Ledger ledger,
            ServiceActions actions,
            Transitions transitions,
            TransactionTemplate transaction,
            Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.ledger = ledger;
        this.actions = actions;
        this.transitions = transitions;
        this.transaction = transaction;
        this.clock = clock;
    }

    public ServiceActionResult order(
            long accountId, ServiceActions.Order order, String key, String actor, boolean dryRun) {
        if (key != null) {
            var existing = repository.findByOrderKey(key);
            if (existing.isPresent()) {
                UserService s = existing.get();
                if (s.accountId != accountId || s.serviceId != order.serviceId() || s.quantity != order.quantity()) {
                    throw new ConflictException("idempotency key '" + key
                            + "' was already used for another order (user service " + s.id + ")");
                }
                return new ServiceActionResult(view(s), List.of(), true, false);
            }
        }
        return inAccount(accountId, dryRun, now -> actions.order(accountId, order, key, actor, now));
    }

    public ServiceActionResult stop(long id, String actor, boolean dryRun) {
        return onService(id, dryRun, (s, now) -> actions.stop(s, actor, now));
    }

    public ServiceActionResult block(long id, String actor, boolean dryRun) {
        return onService(id, dryRun, (s, now) -> actions.block(s, actor, now));
    }

    public ServiceActionResult activate(long id, String actor, boolean dryRun) {
        return onService(id, dryRun, (s, now) -> actions.activate(s, actor, now));
    }

    public ServiceActionResult skip(long id, String actor, boolean dryRun) {
        return onService(id, dryRun, (s, now) -> actions.skip(s, actor, now));
    }

    public ServiceActionResult freeze(long id, Integer days, String actor, boolean dryRun) {
        return onService(id, dryRun, (s, now) -> actions.freeze(s, days, actor, now));
    }

    public ServiceActionResult change(long id, Long serviceId, String actor, boolean dryRun) {
        return onService(id, dryRun, (s, now) -> actions.change(s, serviceId, actor, now));
    }

    /** A custom event of a service, raised through the API. */
    public record Raised(long id, boolean dispatched) {}

    /** Raises a custom event of the service; the commands bound to it run as for any other. */
    public Raised raise(long id, String event, String detail, String actor) {
        long accountId =
                repository.accountOf(id).orElseThrow(() -> new NotFoundException("no user service with id " + id));
        return transaction.execute(tx -> {
            repository.lockAccount(accountId, false);
            UserService s = find(id);
            if (s.status == Status.REMOVED) {
                throw new ConflictException("user service " + id + " is REMOVED");
            }
            long eventId = transitions.raise(s, event, detail, actor, clock.instant());
            return new Raised(eventId, repository.isDispatched(eventId));
        });
    }

    @Transactional(readOnly = true)
    public UserServiceView get(long id) {
        return view(find(id));
    }

    @Transactional(readOnly = true)
    public List<UserServiceView> ofAccount(long accountId) {
        return repository.ofAccount(accountId).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public List<UserServiceEventView> history(long id) {
        find(id);
        // status moves and events, then the money booked for the service, named by the entry's
        // kind (a prolongation's line is its charge); a stable sort by time keeps an event before
        // the entries booked with it
        List<UserServiceEventView> lines = new ArrayList<>();
        for (var e : repository.events(id)) {
            lines.add(new UserServiceEventView(e.event(), e.from(), e.to(), e.detail(), e.actor(), e.at()));
        }
        for (LedgerEntryView e : ledger.entriesOfService(id)) {
            lines.add(new UserServiceEventView(e.kind(), null, null, moneyDetail(e), e.actor(), e.createdAt()));
        }
        lines.sort(Comparator.comparing(UserServiceEventView::at));
        return lines;
    }

    /** "-900.00 RUB for start/end": the currency's minor units, more only if the amount has them. */
    private static String moneyDetail(LedgerEntryView e) {
        int digits = Math.max(0, Currency.getInstance(e.currency()).getDefaultFractionDigits());
        BigDecimal amount = e.amount()
                .setScale(Math.max(digits, e.amount().stripTrailingZeros().scale()));
        String money = amount + " " + e.currency();
        return e.periodStart() == null ? money : money + " for " + e.periodStart() + "/" + e.periodEnd();
    }

    private UserService find(long id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("no user service with id " + id));
    }

    interface Work {
        UserService apply(UserService s, Instant now);
    }

    private ServiceActionResult onService(long id, boolean dryRun, Work work) {
        long accountId =
                repository.accountOf(id).orElseThrow(() -> new NotFoundException("no user service with id " + id));
        return inAccount(accountId, dryRun, now -> work.apply(find(id), now));
    }

    /** Runs {@code work} under the account's lock and answers with the entries it booked. */
    private ServiceActionResult inAccount(long accountId, boolean dryRun, Function<Instant, UserService> work) {
        return transaction.execute(tx -> {
            repository
                    .lockAccount(accountId, false)
                    .orElseThrow(() -> new NotFoundException("no account with id " + accountId));
            Long lastBefore = lastEntryId(accountId);
            UserService s = work.apply(clock.instant());
            List<LedgerEntryView> booked = ledger.entries(accountId, null, 1000).stream()
                    .filter(e -> lastBefore == null || e.id() > lastBefore)
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .toList();
            ServiceActionResult result = new ServiceActionResult(view(find(s.id)), booked, false, dryRun);
            if (dryRun) {
                tx.setRollbackOnly();
            }
            return result;
        });
    }

    private Long lastEntryId(long accountId) {
        var last = ledger.entries(accountId, null, 1);
        return last.isEmpty() ? null : last.getFirst().id();
    }

    UserServiceView view(UserService s) {
        Tariff t = catalog.tariff(s.serviceId);
        List<Long> children = repository.children(s.id).stream().map(c -> c.id).toList();
        return new UserServiceView(
                s.id,
                s.accountId,
                s.serviceId,
                t.name(),
                t.category(),
                s.parentId,
                s.quantity,
                s.status.name(),
                s.blockReason == null ? null : s.blockReason.name(),
                s.priceId,
                s.periodStart,
                s.periodEnd,
                s.paidUntil,
                s.graceUntil,
                s.nextServiceId,
                s.frozenUntil,
                s.dueAt,
                s.settings,
                s.createdAt,
                s.removedAt,
                children);
    }
}
