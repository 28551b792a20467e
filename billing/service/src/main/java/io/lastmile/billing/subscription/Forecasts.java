package io.lastmile.billing.subscription;

import io.lastmile.billing.api.Forecast;
import io.lastmile.billing.catalog.Catalog;
import io.lastmile.billing.catalog.ChargeMode;
import io.lastmile.billing.catalog.Tariff;
import io.lastmile.billing.period.DailySplit;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an account must pay in the next N days to keep every service running: the periods (or,
 * for daily tariffs, the days) that start in the window, at the price versions then in force,
 * plus its debt, less its balance and usable bonus. Blocked-by-operator and failed services are
 * left out: money does not start them.
 */
@Service
public class Forecasts {

    private static final int MAX_PERIODS = 1000;

    private final UserServiceRepository repository;
    private final Catalog catalog;
    private final Wallet wallet;
    private final Clock clock;

    Forecasts(UserServiceRepository repository, Catalog catalog, Wallet wallet, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.wallet = wallet;
        this.clock = clock;
    }

    // not read-only: the account is read under its row lock (SELECT … FOR UPDATE, which a read-only
    // transaction refuses), so balance and services are seen as of one moment, never mid-charge
    @Transactional
    public Forecast forecast(long accountId, int days) {
        if (days < 1 || days > 366) {
            throw InvalidRequestException.of("days", "must be from 1 to 366");
        }
        AccountState account = repository
                .lockAccount(accountId, false)
                .orElseThrow(() -> new NotFoundException("no account with id " + accountId));
        Instant now = clock.instant();
        Instant until = Periods.plusDays(now, account.zone(), days);
        List<Forecast.Item> items = new ArrayList<>();
        for (UserService s : repository.ofAccount(accountId)) {
            if (s.parentId == null) {
                items.addAll(itemsOf(s, account, now, until));
            }
        }
        BigDecimal total = items.stream().map(Forecast.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal debt = account.balance().signum() < 0 ? account.balance().negate() : BigDecimal.ZERO;
        BigDecimal covered = account.balance().add(wallet.usableBonus(account, total));
        BigDecimal toPay = total.subtract(covered).max(BigDecimal.ZERO);
        return new Forecast(
                accountId,
                account.currency(),
                now,
                until,
                account.balance(),
                account.bonus(),
                account.creditLimit(),
                debt,
                items,
                total,
                toPay);
    }

    private List<Forecast.Item> itemsOf(UserService s, AccountState account, Instant now, Instant until) {
        Tariff t = catalog.tariff(s.serviceId);
        return switch (s.status) {
            case ACTIVE, PROGRESS -> running(s, t, account, until);
            case NOT_PAID -> fromStart(s, t, account, now, until);
            case BLOCKED ->
                switch (s.blockReason) {
                    case NO_MONEY -> fromStart(s, t, account, now, until);
                    case FROZEN ->
                        s.frozenUntil.isBefore(until) ? fromStart(s, t, account, s.frozenUntil, until) : List.of();
                    case OPERATOR -> List.of();
                };
            default -> List.of();
        };
    }

    /** A service that would start at {@code start} (when paid, or when its freeze ends). */
    private List<Forecast.Item> fromStart(UserService s, Tariff t, AccountState account, Instant start, Instant until) {
        Tariff next = s.nextServiceId != null ? catalog.tariff(s.nextServiceId) : t;
        if (next.chargeMode() == ChargeMode.ONCE) {
            BigDecimal price =
                    Wallet.price(account, catalog.priceAt(next.id(), start).price(), s.quantity);
            return List.of(new Forecast.Item(s.id, next.id(), next.name(), start, null, price));
        }
        return periods(s, next, account, start, 1, until);
    }

    private List<Forecast.Item> running(UserService s, Tariff t, AccountState account, Instant until) {
        List<Forecast.Item> items = new ArrayList<>();
        if (t.chargeMode() == ChargeMode.ONCE) {
            return items;
        }
        if (t.chargeMode() == ChargeMode.DAILY && s.paidUntil.isBefore(s.periodEnd) && s.paidUntil.isBefore(until)) {
            items.add(
                    daysOf(s, t, account, new Periods.Span(s.periodStart, s.periodEnd), s.priceId, s.paidUntil, until));
        }
        Tariff next = t;
        Instant anchor = s.anchor;
        int n = s.periodNo + 1;
        Long switchTo = Renewal.nextTariffId(s, t);
        if (switchTo == null) {
            return items;
        }
        if (switchTo != t.id()) {
            next = catalog.tariff(switchTo);
            anchor = s.periodEnd;
            n = 1;
        }
        items.addAll(periods(s, next, account, anchor, n, until));
        return items;
    }

    /** The periods from the n-th on (counted from {@code anchor}) that start before {@code until}. */
    private List<Forecast.Item> periods(
            UserService s, Tariff t, AccountState account, Instant anchor, int n, Instant until) {
        List<Forecast.Item> items = new ArrayList<>();
        for (int i = n; i < n + MAX_PERIODS; i++) {
            Periods.Span period = Periods.period(t, account.zone(), anchor, i);
            if (!period.start().isBefore(until)) {
                break;
            }
            var version = catalog.priceAt(t.id(), period.start());
            if (t.chargeMode() == ChargeMode.DAILY) {
                items.add(daysOf(s, t, account, period, version.id(), period.start(), until));
            } else {
                BigDecimal price = Wallet.price(account, version.price(), s.quantity);
                items.add(new Forecast.Item(s.id, t.id(), t.name(), period.start(), period.end(), price));
            }
        }
        return items;
    }

    /** The days of a daily tariff's period from {@code from} that start before {@code until}, as one item. */
    private Forecast.Item daysOf(
            UserService s,
            Tariff t,
            AccountState account,
            Periods.Span period,
            long priceId,
            Instant from,
            Instant until) {
        BigDecimal price = Wallet.price(account, catalog.price(priceId).price(), s.quantity);
        DailySplit split = Periods.split(price, period.start(), period.end(), account.zone(), account.currency());
        int first = Periods.dayIndex(period, account.zone(), from);
        BigDecimal sum = BigDecimal.ZERO;
        Instant end = from;
        for (int i = first; i < split.days(); i++) {
            Periods.Span day = Periods.day(period, account.zone(), i, split.days());
            if (!day.start().isBefore(until)) {
                break;
            }
            sum = sum.add(split.part(i));
            end = day.end();
        }
        return new Forecast.Item(s.id, t.id(), t.name(), from, end, sum);
    }
}
