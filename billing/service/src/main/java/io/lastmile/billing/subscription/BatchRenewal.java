package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Catalog;
import io.lastmile.billing.catalog.ChargeMode;
import io.lastmile.billing.catalog.PriceVersion;
import io.lastmile.billing.catalog.Tariff;
import io.lastmile.billing.ledger.EntryDraft;
import io.lastmile.billing.ledger.EntryKind;
import io.lastmile.billing.ledger.Ledger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The billing clock's fast path for the common case, a run of plain prolongations: it locks a
 * batch of accounts (SKIP LOCKED), and for each account whose every due service is an ACTIVE,
 * auto-renewed whole-period service with money enough and nothing else pending (no grace, no
 * booked change, no bonus, no promised payment ending), books the next periods (and takes the
 * quiet warning steps before them) with the same keys, prices, entries and events as
 * {@link Renewal} would, a statement per kind for the whole batch.
 * Everything else is left to the per-account path. It runs inside one transaction: all or nothing.
 */
@Component
class BatchRenewal {

    private final BatchRenewalRepository repository;
    private final Catalog catalog;
    private final Ledger ledger;
    private final Provisioning provisioning;

    BatchRenewal(BatchRenewalRepository repository, Catalog catalog, Ledger ledger, Provisioning provisioning) {
        this.repository = repository;
        this.catalog = catalog;
        this.ledger = ledger;
        this.provisioning = provisioning;
    }

    /**
     * What one clock run reads of the catalog, shared by its batches: tariffs and price lists are
     * loaded once per run, not once per batch.
     */
    static final class RunCatalog {
        private final Map<Long, Tariff> tariffs = new ConcurrentHashMap<>();
        private final Map<Long, List<PriceVersion>> prices = new ConcurrentHashMap<>();
    }

    /** Renews what it can of the accounts' due services; answers the accounts it left settled. */
    Set<Long> renew(List<Long> accountIds, Instant now, RunCatalog run) {
        List<AccountState> locked = repository.lockAccounts(accountIds);
        if (locked.isEmpty()) {
            return Set.of();
        }
        Set<Long> busy = repository.withPromisedPaymentsDue(ids(locked), now);
        Map<Long, List<UserService>> dueByAccount = repository.due(ids(locked), now).stream()
                .collect(Collectors.groupingBy(s -> s.accountId, LinkedHashMap::new, Collectors.toList()));
        load(dueByAccount, run);
        Map<Long, Tariff> tariffs = run.tariffs;
        Map<Long, List<PriceVersion>> prices = run.prices;
        List<EntryDraft> charges = new ArrayList<>();
        List<UserService> prolonged = new ArrayList<>();
        List<UserService> warned = new ArrayList<>();
        Set<Long> settled = new HashSet<>();
        for (AccountState account : locked) {
            List<UserService> due = dueByAccount.getOrDefault(account.id(), List.of());
            if (due.isEmpty() || busy.contains(account.id()) || account.bonus().signum() != 0) {
                continue;
            }
            List<EntryDraft> accountCharges = new ArrayList<>();
            List<UserService> accountProlonged = new ArrayList<>();
            List<UserService> accountWarned = new ArrayList<>();
            if (plan(account, due, tariffs, prices, now, accountCharges, accountProlonged, accountWarned)) {
                charges.addAll(accountCharges);
                prolonged.addAll(accountProlonged);
                warned.addAll(accountWarned);
                if (due.stream().allMatch(s -> s.dueAt.isAfter(now))) {
                    settled.add(account.id());
                }
            }
        }
        // events first: their foreign-key checks then meet the account rows under this
        // transaction's FOR UPDATE lock, not new row versions that would each take a lock again
        repository.prolongateEvents(
                prolonged.stream()
                        .filter(s -> provisioning.listens(
                                Transitions.PROLONGATE, tariffs.get(s.serviceId).category()))
                        .toList(),
                now);
        ledger.postCharges(charges);
        repository.prolonged(prolonged, now);
        if (!warned.isEmpty()) {
            repository.warned(warned, now);
        }
        return settled;
    }

    /** Plans one period more for every due service of the account, or answers false if any is not plain. */
    private boolean plan(
            AccountState account,
            List<UserService> due,
            Map<Long, Tariff> tariffs,
            Map<Long, List<PriceVersion>> prices,
            Instant now,
            List<EntryDraft> charges,
            List<UserService> services,
            List<UserService> warned) {
        BigDecimal balance = account.balance();
        for (UserService s : due) {
            Tariff t = tariffs.get(s.serviceId);
            if (!plain(s, t)) {
                return false;
            }
            if (now.isBefore(s.periodEnd)) {
                // the warning step: nothing to say if the next period is covered
                PriceVersion nextVersion = priceAt(prices.get(t.id()), s.periodEnd);
                if (!warnsQuietly(s, t, account, now)
                        || nextVersion == null
                        || balance.add(account.creditLimit())
                                        .compareTo(Wallet.price(account, nextVersion.price(), s.quantity))
                                < 0) {
                    return false;
                }
                s.notifiedAt = now;
                s.dueAt = s.periodEnd;
                warned.add(s);
                continue;
            }
            Periods.Span next = Periods.period(t, account.zone(), s.anchor, s.periodNo + 1);
            PriceVersion version = priceAt(prices.get(t.id()), next.start());
            if (version == null) {
                return false;
            }
            BigDecimal price = Wallet.price(account, version.price(), s.quantity);
            if (balance.add(account.creditLimit()).compareTo(price) < 0) {
                return false;
            }
            balance = balance.subtract(price);
            if (price.signum() > 0) {
                String key = "charge:" + Wallet.periodKey(s.id, next.start(), version.id());
                charges.add(EntryDraft.forService(
                        EntryKind.CHARGE,
                        account.id(),
                        price,
                        account.currency(),
                        s.id,
                        next.start(),
                        next.end(),
                        version.id(),
                        null,
                        key,
                        null,
                        Wallet.CLOCK_ACTOR));
            }
            s.periodNo = s.periodNo + 1;
            s.priceId = version.id();
            s.periodStart = next.start();
            s.periodEnd = next.end();
            s.paidUntil = next.end();
            s.dueAt = Renewal.nextDue(s, t, account.zone());
            services.add(s);
        }
        return true;
    }

    /** A service with nothing else to decide: the per-account path handles the rest. */
    private static boolean plain(UserService s, Tariff t) {
        return s.status == Status.ACTIVE
                && s.parentId == null
                && s.graceUntil == null
                && s.nextServiceId == null
                && t.chargeMode() == ChargeMode.PERIOD
                && t.autoRenew()
                && t.children().isEmpty();
    }

    /** Whether this is the warning step {@link Renewal} takes before the period ends. */
    private static boolean warnsQuietly(UserService s, Tariff t, AccountState account, Instant now) {
        return s.notifiedAt == null
                && t.notifyDaysBefore() > 0
                && !now.isBefore(Periods.plusDays(s.periodEnd, account.zone(), -t.notifyDaysBefore()));
    }

    /** Loads the tariffs and prices of the due services that the run has not seen yet. */
    private void load(Map<Long, List<UserService>> due, RunCatalog run) {
        Set<Long> missing = new HashSet<>();
        for (List<UserService> services : due.values()) {
            for (UserService s : services) {
                if (!run.tariffs.containsKey(s.serviceId)) {
                    missing.add(s.serviceId);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<Long, List<PriceVersion>> prices =
                repository.prices(missing).stream().collect(Collectors.groupingBy(PriceVersion::serviceId));
        for (long id : missing) {
            run.prices.put(id, prices.getOrDefault(id, List.of()));
            run.tariffs.put(id, catalog.tariff(id));
        }
    }

    /** The version in force at {@code at}, as {@link Catalog#priceAt} answers it. */
    private static PriceVersion priceAt(List<PriceVersion> versions, Instant at) {
        if (versions == null) {
            return null;
        }
        return versions.stream()
                .filter(v -> !v.effectiveFrom().isAfter(at))
                .max(Comparator.comparing(PriceVersion::effectiveFrom))
                .orElse(null);
    }

    private static List<Long> ids(List<AccountState> accounts) {
        return accounts.stream().map(AccountState::id).toList();
    }
}
