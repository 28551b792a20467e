package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Catalog;
import io.lastmile.billing.catalog.ChangeMode;
import io.lastmile.billing.catalog.Tariff;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The actions on a user service, each inside {@link Subscriptions}' transaction under the
 * account's lock: order, stop, block, activate, skip, freeze, change of tariff.
 */
@Component
class ServiceActions {

    /** A validated order. */
    record Order(long serviceId, int quantity, Map<String, Object> settings) {}

    private final UserServiceRepository repository;
    private final Catalog catalog;
    private final Charging charging;
    private final Transitions transitions;
    private final Renewal renewal;
    private final Wallet wallet;

    ServiceActions(
            UserServiceRepository repository,
            Catalog catalog,
            Charging charging,
            Transitions transitions,
            Renewal renewal,
            Wallet wallet) {
        this.repository = repository;
        this.catalog = catalog;
        this.charging = charging;
        this.transitions = transitions;
        this.renewal = renewal;
        this.wallet = wallet;
    }

    UserService order(long accountId, Order order, String key, String actor, Instant now) {
        AccountState account = wallet.account(accountId);
        Tariff t = orderable(order.serviceId(), account, "serviceId");
        UserService s = new UserService();
        s.accountId = accountId;
        s.serviceId = t.id();
        s.quantity = order.quantity();
        s.settings = order.settings() == null ? Map.of() : order.settings();
        s.orderKey = key;
        repository.save(s, now);
        addChildren(s, t, now);
        if (charging.start(s, t, now, actor)) {
            s.dueAt = Renewal.nextDue(s, t, account.zone());
            transitions.provision(s, t, Action.PAID, "CREATE", actor, now);
        } else {
            BigDecimal price = charging.startPrice(s, t, now);
            transitions.moveWithChildren(
                    s,
                    Action.UNPAID,
                    "NOT_ENOUGH_MONEY",
                    "the first charge of " + price + " is not covered",
                    actor,
                    now);
        }
        return s;
    }

    UserService stop(UserService s, String actor, Instant now) {
        if (s.status == Status.ACTIVE || s.status == Status.PROGRESS || s.status == Status.ERROR) {
            charging.refundUnused(s, catalog.tariff(s.serviceId), now, "stopped early", actor);
        }
        transitions.moveWithChildren(s, Action.STOP, "REMOVE", null, actor, now);
        return s;
    }

    UserService block(UserService s, String actor, Instant now) {
        if (s.status == Status.BLOCKED && s.blockReason == BlockReason.FROZEN) {
            throw new ConflictException("user service " + s.id + " is frozen; activate it first");
        }
        if (s.status == Status.ACTIVE) {
            charging.refundUnused(s, catalog.tariff(s.serviceId), now, "blocked by an operator", actor);
        }
        s.blockReason = BlockReason.OPERATOR;
        s.dueAt = null;
        s.graceUntil = null;
        transitions.moveWithChildren(s, Action.BLOCK, "BLOCK", "by an operator", actor, now);
        return s;
    }

    UserService activate(UserService s, String actor, Instant now) {
        if (s.status == Status.ERROR) {
            transitions.retry(s, actor, now);
            return s;
        }
        if (s.status != Status.BLOCKED) {
            throw new ConflictException(
                    "user service " + s.id + " is " + s.status + "; only BLOCKED or ERROR services are activated");
        }
        if (s.blockReason == BlockReason.FROZEN) {
            Tariff t = catalog.tariff(s.serviceId);
            int minDays = t.freezeMinDays() == null ? 0 : t.freezeMinDays();
            Instant earliest =
                    Periods.plusDays(s.frozenAt, wallet.account(s.accountId).zone(), minDays);
            if (now.isBefore(earliest)) {
                throw new ConflictException(
                        "the freeze lasts at least " + minDays + " days: it can end from " + earliest);
            }
            s.frozenAt = null;
            s.frozenUntil = null;
        }
        if (!renewal.startIfPaid(s, now, "activated")) {
            if (s.blockReason == BlockReason.NO_MONEY) {
                throw new ConflictException("not enough money to activate user service " + s.id + ": it needs "
                        + charging.startPrice(s, catalog.tariff(s.serviceId), now)
                        + " covered by balance, credit and bonus");
            }
            s.blockReason = BlockReason.NO_MONEY;
            transitions.moveWithChildren(s, Action.BLOCK, "BLOCK", "waits for money", actor, now);
        }
        return s;
    }

    UserService skip(UserService s, String actor, Instant now) {
        if (s.status != Status.ERROR) {
            throw new ConflictException(
                    "user service " + s.id + " is " + s.status + "; only ERROR services are skipped");
        }
        transitions.skip(s, actor, now);
        return s;
    }

    UserService freeze(UserService s, Integer days, String actor, Instant now) {
        Tariff t = catalog.tariff(s.serviceId);
        if (t.freezeMaxDays() == null) {
            throw new ConflictException("the tariff '" + t.name() + "' cannot be frozen");
        }
        int min = t.freezeMinDays() == null ? 1 : t.freezeMinDays();
        if (days == null || days < min || days > t.freezeMaxDays()) {
            throw InvalidRequestException.of("days", "must be from " + min + " to " + t.freezeMaxDays());
        }
        if (s.status != Status.ACTIVE) {
            throw new ConflictException(
                    "only an ACTIVE service can be frozen; user service " + s.id + " is " + s.status);
        }
        AccountState account = wallet.account(s.accountId);
        charging.refundUnused(s, t, now, "frozen", actor);
        Instant until = Periods.plusDays(now, account.zone(), days);
        BigDecimal fee = freezeFee(t, days, account);
        if (fee.signum() > 0) {
            if (!wallet.canPay(wallet.account(s.accountId), fee)) {
                throw new ConflictException("not enough money for the freeze fee of " + fee);
            }
            wallet.charge(s, s.accountId, fee, now, until, null, actor, "freeze-fee:");
        }
        s.frozenAt = now;
        s.frozenUntil = until;
        s.dueAt = until;
        s.graceUntil = null;
        s.blockReason = BlockReason.FROZEN;
        transitions.moveWithChildren(s, Action.BLOCK, "BLOCK", "frozen for " + days + " days", actor, now);
        return s;
    }

    /** The monthly freeze fee for {@code days} days, a month counted as 30 days. */
    private static BigDecimal freezeFee(Tariff t, int days, AccountState account) {
        if (t.freezeMonthlyFee() == null) {
            return BigDecimal.ZERO;
        }
        int digits = Currency.getInstance(account.currency()).getDefaultFractionDigits();
        return t.freezeMonthlyFee()
                .multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(30), digits, RoundingMode.HALF_UP);
    }

    UserService change(UserService s, Long serviceId, String actor, Instant now) {
        AccountState account = wallet.account(s.accountId);
        Tariff to = orderable(serviceId, account, "serviceId");
        if (to.id() == s.serviceId) {
            throw InvalidRequestException.of("serviceId", "the service already is on tariff " + to.id());
        }
        if (s.parentId != null) {
            throw new ConflictException("user service " + s.id + " is part of a bundle; change the bundle");
        }
        Tariff from = catalog.tariff(s.serviceId);
        switch (s.status) {
            case ACTIVE -> {
                if (from.changeMode() == ChangeMode.PERIOD_END
                        && from.chargeMode() != io.lastmile.billing.catalog.ChargeMode.ONCE) {
                    s.nextServiceId = to.id();
                    repository.save(s, now);
                    transitions.raise(s, "CHANGED", "to service " + to.id() + " at " + s.periodEnd, actor, now);
                } else {
                    changeNow(s, from, to, actor, now);
                }
            }
            case NOT_PAID, BLOCKED -> {
                if (s.blockReason == BlockReason.FROZEN) {
                    throw new ConflictException("user service " + s.id + " is frozen; activate it first");
                }
                switchTariff(s, to, true, actor, now);
                if (s.status == Status.NOT_PAID || s.blockReason == BlockReason.NO_MONEY) {
                    renewal.startIfPaid(s, now, "tariff changed");
                }
            }
            default ->
                throw new ConflictException("user service " + s.id + " is " + s.status + " and cannot change tariff");
        }
        return s;
    }

    private void changeNow(UserService s, Tariff from, Tariff to, String actor, Instant now) {
        charging.refundUnused(s, from, now, "tariff change", actor);
        switchTariff(s, to, false, actor, now);
        if (!charging.start(s, to, now, actor)) {
            throw new ConflictException("not enough money for '" + to.name() + "': it needs "
                    + charging.startPrice(s, to, now) + " after the refund of the current period");
        }
        s.dueAt = Renewal.nextDue(s, to, wallet.account(s.accountId).zone());
        transitions.provision(s, to, Action.CHANGE_TARIFF, "CHANGED_TARIFF", actor, now);
    }

    /**
     * Puts the service on another tariff: the old bundle's parts end, the new one's are added. With
     * {@code raise} the CHANGED_TARIFF event runs its commands; without, a provisioning follows that does.
     */
    private void switchTariff(UserService s, Tariff to, boolean raise, String actor, Instant now) {
        for (UserService child : repository.children(s.id)) {
            if (Lifecycle.allows(child.status, Action.STOP)) {
                transitions.move(child, Action.STOP, "REMOVE", "tariff changed", actor, now);
            }
        }
        long fromId = s.serviceId;
        s.serviceId = to.id();
        s.nextServiceId = null;
        repository.save(s, now);
        String detail = "from service " + fromId + " to " + to.id();
        if (raise) {
            transitions.raise(s, "CHANGED_TARIFF", detail, actor, now);
        } else {
            repository.event(s, "CHANGED_TARIFF", s.status, s.status, detail, actor, now);
        }
        addChildren(s, to, now);
    }

    private void addChildren(UserService parent, Tariff t, Instant now) {
        for (Tariff.Child c : t.children()) {
            UserService child = new UserService();
            child.accountId = parent.accountId;
            child.serviceId = c.serviceId();
            child.parentId = parent.id;
            child.quantity = c.quantity() * parent.quantity;
            repository.save(child, now);
        }
    }

    private Tariff orderable(Long serviceId, AccountState account, String field) {
        if (serviceId == null) {
            throw InvalidRequestException.of(field, "is required");
        }
        Tariff t = catalog.tariff(serviceId);
        var problems = new InvalidRequestException.Collector();
        if (t.archived()) {
            problems.add(field, "service " + serviceId + " is archived and cannot be ordered");
        }
        if (!t.currency().equals(account.currency())) {
            problems.add(
                    field,
                    "service " + serviceId + " is priced in " + t.currency() + ", the account in "
                            + account.currency());
        }
        problems.throwIfAny();
        return t;
    }
}
