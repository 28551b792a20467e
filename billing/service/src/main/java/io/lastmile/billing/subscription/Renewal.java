package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Catalog;
import io.lastmile.billing.catalog.Tariff;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * One step of the billing clock for one due user service: a warning before the money runs out,
 * prolongation at expiry, the grace period and the block, a daily charge, the end of a freeze, a
 * start when money has come. Runs in the clock's transaction for the account, under its lock.
 */
@Component
class Renewal {

    private static final String CLOCK = Wallet.CLOCK_ACTOR;

    private final UserServiceRepository repository;
    private final Charging charging;
    private final Transitions transitions;
    private final Wallet wallet;
    private final Catalog catalog;

    Renewal(
            UserServiceRepository repository,
            Charging charging,
            Transitions transitions,
            Wallet wallet,
            Catalog catalog) {
        this.repository = repository;
        this.charging = charging;
        this.transitions = transitions;
        this.wallet = wallet;
        this.catalog = catalog;
    }

    void step(UserService s, Instant now) {
        switch (s.status) {
            case NOT_PAID -> startIfPaid(s, now, "money arrived");
            case BLOCKED -> blocked(s, now);
            case ACTIVE -> active(s, now);
            default -> s.dueAt = null;
        }
        repository.save(s, now);
    }

    private void blocked(UserService s, Instant now) {
        if (s.blockReason == BlockReason.FROZEN && !now.isBefore(s.frozenUntil)) {
            s.frozenAt = null;
            s.frozenUntil = null;
            if (!startIfPaid(s, now, "freeze ended")) {
                s.blockReason = BlockReason.NO_MONEY;
                transitions.moveWithChildren(s, Action.BLOCK, "BLOCK", "freeze ended without money", CLOCK, now);
            }
        } else if (s.blockReason == BlockReason.NO_MONEY) {
            startIfPaid(s, now, "money arrived");
        } else {
            s.dueAt = null;
        }
    }

    /** Starts a waiting service from now if the account can pay; otherwise it waits for money. */
    boolean startIfPaid(UserService s, Instant now, String why) {
        if (s.nextServiceId != null) {
            s.serviceId = s.nextServiceId;
            s.nextServiceId = null;
        }
        Tariff t = catalog.tariff(s.serviceId);
        if (!charging.start(s, t, now, CLOCK)) {
            s.dueAt = null;
            return false;
        }
        String event = s.status == Status.NOT_PAID ? "CREATE" : "ACTIVATE";
        s.dueAt = nextDue(s, t, wallet.account(s.accountId).zone());
        transitions.provision(s, t, Action.PAID, event, CLOCK, now);
        return true;
    }

    private void active(UserService s, Instant now) {
        Tariff t = catalog.tariff(s.serviceId);
        AccountState account = wallet.account(s.accountId);
        switch (t.chargeMode()) {
            case ONCE -> s.dueAt = null;
            case DAILY -> daily(s, t, account, now);
            case PERIOD -> periodic(s, t, account, now);
        }
    }

    private void periodic(UserService s, Tariff t, AccountState account, Instant now) {
        if (s.graceUntil != null) {
            inGrace(s, t, account, now);
            return;
        }
        if (now.isBefore(s.periodEnd)) {
            s.dueAt = s.periodEnd;
            warnIfShort(s, t, account, now);
            return;
        }
        Tariff next = tariffAtExpiry(s, t, now);
        if (next == null) {
            return;
        }
        if (charging.chargePeriod(s, next, account, s.periodNo + 1, true, CLOCK)) {
            transitions.prolongated(s, next, "period " + s.periodNo, CLOCK, now);
            s.dueAt = nextDue(s, next, account.zone());
        } else {
            outOfMoney(s, next, account, now, s.periodEnd);
        }
    }

    /** The tariff the next period is on (a booked change, or the follow-up), or null if it ends. */
    private Tariff tariffAtExpiry(UserService s, Tariff t, Instant now) {
        Long switchTo = nextTariffId(s, t);
        if (switchTo == null) {
            transitions.moveWithChildren(s, Action.STOP, "REMOVE", "ended without renewal", CLOCK, now);
            return null;
        }
        if (switchTo == t.id()) {
            return t;
        }
        s.serviceId = switchTo;
        s.nextServiceId = null;
        // the new tariff's periods run on from where the old one ended
        s.anchor = s.periodEnd;
        s.periodNo = 0;
        transitions.raise(s, "CHANGED_TARIFF", "to service " + switchTo, CLOCK, now);
        return catalog.tariff(switchTo);
    }

    /**
     * The tariff the next period is on: a booked change, else this one if it renews, else its
     * follow-up (a trial's paid tariff); null when the service ends with this period.
     */
    static Long nextTariffId(UserService s, Tariff t) {
        if (s.nextServiceId != null) {
            return s.nextServiceId;
        }
        return t.autoRenew() ? Long.valueOf(t.id()) : t.followUpServiceId();
    }

    /** The period ended unpaid: a grace period if the tariff gives one, else a block. */
    private void outOfMoney(UserService s, Tariff t, AccountState account, Instant now, Instant since) {
        if (t.graceDays() > 0) {
            s.graceUntil = Periods.plusDays(since, account.zone(), t.graceDays());
            transitions.raise(s, "NOT_ENOUGH_MONEY", "grace until " + s.graceUntil, CLOCK, now);
            s.dueAt = s.graceUntil;
        } else {
            block(s, now, "not enough money");
        }
    }

    private void inGrace(UserService s, Tariff t, AccountState account, Instant now) {
        if (charging.chargePeriod(s, t, account, s.periodNo + 1, true, CLOCK)) {
            transitions.prolongated(s, t, "paid in grace, period " + s.periodNo, CLOCK, now);
            s.dueAt = nextDue(s, t, account.zone());
        } else if (!now.isBefore(s.graceUntil)) {
            charging.chargeGrace(s, t, account, s.graceUntil, CLOCK);
            s.graceUntil = null;
            block(s, now, "grace period ended without money");
        } else {
            s.dueAt = s.graceUntil;
        }
    }

    private void daily(UserService s, Tariff t, AccountState account, Instant now) {
        if (now.isBefore(s.paidUntil)) {
            s.dueAt = s.paidUntil;
            return;
        }
        Periods.Span day = charging.nextDay(s, account);
        if (day == null) {
            Tariff next = tariffAtExpiry(s, t, now);
            if (next == null) {
                return;
            }
            boolean paid = charging.chargePeriod(s, next, account, s.periodNo + 1, true, CLOCK);
            if (!paid && s.graceUntil != null && s.periodEnd.isBefore(s.graceUntil)) {
                paid = charging.chargePeriod(s, next, account, s.periodNo + 1, false, CLOCK);
            }
            if (paid) {
                s.dueAt = s.paidUntil;
            } else {
                dailyOutOfMoney(s, next, account, now, s.periodEnd);
            }
            return;
        }
        BigDecimal price = charging.dayPrice(s, account, day);
        boolean inGrace = s.graceUntil != null && day.start().isBefore(s.graceUntil);
        if (wallet.canPay(account, price) || inGrace) {
            if (!inGrace) {
                s.graceUntil = null;
            }
            charging.chargeDay(s, account, day, CLOCK);
            s.dueAt = s.paidUntil;
        } else {
            dailyOutOfMoney(s, t, account, now, day.start());
        }
    }

    /** A daily tariff's grace: days keep being charged, into debt, until the grace ends. */
    private void dailyOutOfMoney(UserService s, Tariff t, AccountState account, Instant now, Instant since) {
        if (t.graceDays() > 0 && s.graceUntil == null) {
            s.graceUntil = Periods.plusDays(since, account.zone(), t.graceDays());
            transitions.raise(s, "NOT_ENOUGH_MONEY", "grace until " + s.graceUntil, CLOCK, now);
            s.dueAt = since;
        } else {
            s.graceUntil = null;
            block(s, now, "not enough money");
        }
    }

    /** Raises NOT_ENOUGH_MONEY once, the tariff's warning days before a period the money will not cover. */
    private void warnIfShort(UserService s, Tariff t, AccountState account, Instant now) {
        if (s.notifiedAt != null || t.notifyDaysBefore() == 0) {
            return;
        }
        Instant warnAt = Periods.plusDays(s.periodEnd, account.zone(), -t.notifyDaysBefore());
        if (now.isBefore(warnAt)) {
            s.dueAt = warnAt;
            return;
        }
        s.notifiedAt = now;
        // the next period may be on another tariff; a service that ends has nothing to pay for
        Long nextTariff = nextTariffId(s, t);
        if (nextTariff == null) {
            return;
        }
        BigDecimal next =
                Wallet.price(account, catalog.priceAt(nextTariff, s.periodEnd).price(), s.quantity);
        if (!wallet.canPay(account, next)) {
            transitions.raise(s, "NOT_ENOUGH_MONEY", "needs " + next + " by " + s.periodEnd, CLOCK, now);
        }
    }

    private void block(UserService s, Instant now, String why) {
        s.blockReason = BlockReason.NO_MONEY;
        s.dueAt = null;
        transitions.moveWithChildren(s, Action.BLOCK, "BLOCK", why, CLOCK, now);
    }

    /** When the clock must look at a freshly charged service next: its warning day, or its end. */
    static Instant nextDue(UserService s, Tariff t, ZoneId zone) {
        return switch (t.chargeMode()) {
            case ONCE -> null;
            case DAILY -> s.paidUntil;
            case PERIOD -> {
                Instant warnAt = Periods.plusDays(s.periodEnd, zone, -t.notifyDaysBefore());
                yield t.notifyDaysBefore() == 0 || !warnAt.isAfter(s.periodStart) ? s.periodEnd : warnAt;
            }
        };
    }
}
