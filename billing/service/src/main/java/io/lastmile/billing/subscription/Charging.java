package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Catalog;
import io.lastmile.billing.catalog.ChargeMode;
import io.lastmile.billing.catalog.PriceVersion;
import io.lastmile.billing.catalog.Tariff;
import io.lastmile.billing.period.DailySplit;
import io.lastmile.billing.period.Proration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import org.springframework.stereotype.Component;

/**
 * Charging of user service periods: the first period of a (re)start, the next period at expiry,
 * the next day of a daily tariff, and the refund of the unused part when a service stops early.
 * Runs in the caller's transaction, under the account's lock.
 */
@Component
class Charging {

    private final Wallet wallet;
    private final Catalog catalog;

    Charging(Wallet wallet, Catalog catalog) {
        this.wallet = wallet;
        this.catalog = catalog;
    }

    /** What the first period (or first day) of a start at {@code now} would cost. */
    BigDecimal startPrice(UserService s, Tariff t, Instant now) {
        AccountState account = wallet.account(s.accountId);
        BigDecimal price = Wallet.price(account, catalog.priceAt(t.id(), now).price(), s.quantity);
        if (t.chargeMode() != ChargeMode.DAILY) {
            return price;
        }
        Periods.Span first = Periods.period(t, account.zone(), now, 1);
        return Periods.split(price, first.start(), first.end(), account.zone(), account.currency())
                .part(0);
    }

    /**
     * Starts the service from {@code now}: a new anchor, period 1, charged if the account can pay
     * it. False (and nothing booked or changed) if it cannot.
     */
    boolean start(UserService s, Tariff t, Instant now, String actor) {
        AccountState account = wallet.account(s.accountId);
        if (!wallet.canPay(account, startPrice(s, t, now))) {
            return false;
        }
        s.anchor = now;
        s.graceUntil = null;
        s.notifiedAt = null;
        if (t.chargeMode() == ChargeMode.ONCE) {
            PriceVersion price = catalog.priceAt(t.id(), now);
            wallet.charge(
                    s, s.accountId, Wallet.price(account, price.price(), s.quantity), now, null, price.id(), actor);
            s.priceId = price.id();
            s.periodNo = 1;
            s.periodStart = now;
            s.periodEnd = null;
            s.dueAt = null;
            return true;
        }
        chargePeriod(s, t, account, 1, true, actor);
        return true;
    }

    /**
     * Charges period {@code n} (the whole of it, or its first day for a daily tariff) and makes it
     * the current one. With {@code mustAfford} it charges nothing and answers false if the account
     * cannot pay.
     */
    boolean chargePeriod(UserService s, Tariff t, AccountState account, int n, boolean mustAfford, String actor) {
        Periods.Span period = Periods.period(t, account.zone(), s.anchor, n);
        PriceVersion version = catalog.priceAt(t.id(), period.start());
        BigDecimal price = Wallet.price(account, version.price(), s.quantity);
        BigDecimal due = price;
        Periods.Span charged = period;
        if (t.chargeMode() == ChargeMode.DAILY) {
            DailySplit split = Periods.split(price, period.start(), period.end(), account.zone(), account.currency());
            due = split.part(0);
            charged = Periods.day(period, account.zone(), 0, split.days());
        }
        if (mustAfford && !wallet.canPay(account, due)) {
            return false;
        }
        wallet.charge(s, s.accountId, due, charged.start(), charged.end(), version.id(), actor);
        s.periodNo = n;
        s.priceId = version.id();
        s.periodStart = period.start();
        s.periodEnd = period.end();
        s.paidUntil = charged.end();
        s.notifiedAt = null;
        s.graceUntil = null;
        return true;
    }

    /** The next unpaid day of the current period of a daily tariff, or null at its end. */
    Periods.Span nextDay(UserService s, AccountState account) {
        Periods.Span period = new Periods.Span(s.periodStart, s.periodEnd);
        if (!s.paidUntil.isBefore(s.periodEnd)) {
            return null;
        }
        int days = DailySplit.daysBetween(
                period.start().atZone(account.zone()), period.end().atZone(account.zone()));
        int i = Periods.dayIndex(period, account.zone(), s.paidUntil);
        return Periods.day(period, account.zone(), i, days);
    }

    /** The price of a day of the current period of a daily tariff. */
    BigDecimal dayPrice(UserService s, AccountState account, Periods.Span day) {
        BigDecimal price = Wallet.price(account, catalog.price(s.priceId).price(), s.quantity);
        DailySplit split = Periods.split(price, s.periodStart, s.periodEnd, account.zone(), account.currency());
        return split.part(Periods.dayIndex(new Periods.Span(s.periodStart, s.periodEnd), account.zone(), day.start()));
    }

    /** Charges one day of the current period of a daily tariff, affordable or not (grace). */
    void chargeDay(UserService s, AccountState account, Periods.Span day, String actor) {
        wallet.charge(s, s.accountId, dayPrice(s, account, day), day.start(), day.end(), s.priceId, actor);
        s.paidUntil = day.end();
    }

    /**
     * Refunds what is left of the current period when the service stops at {@code now}: to the
     * second for whole-period tariffs. Daily tariffs are charged day by day as used, and one-off
     * charges are not refunded, so for them there is nothing to give back. In a grace period there
     * is nothing paid to give back either: the grace days used so far are booked instead.
     */
    void refundUnused(UserService s, Tariff t, Instant now, String reason, String actor) {
        if (t.chargeMode() == ChargeMode.PERIOD && s.graceUntil != null && s.status == Status.ACTIVE) {
            // stopped, blocked, frozen or changed in grace: the days used unpaid are owed just as
            // when the grace runs out, or ending the service early would make them free
            chargeGrace(s, t, wallet.account(s.accountId), now, actor);
            return;
        }
        if (t.chargeMode() != ChargeMode.PERIOD || s.periodStart == null || !now.isBefore(s.periodEnd)) {
            return;
        }
        AccountState account = wallet.account(s.accountId);
        BigDecimal paid = wallet.paidFor(s, s.periodStart);
        Proration.Split split = Proration.split(
                paid,
                s.periodStart.atZone(account.zone()),
                s.periodEnd.atZone(account.zone()),
                now.atZone(account.zone()),
                Proration.Granularity.SECOND,
                Currency.getInstance(account.currency()));
        wallet.refund(s, s.periodStart, split.refund(), reason, actor);
    }

    /**
     * Books the grace days a subscriber used without paying: the part of the next period from its
     * start to {@code until}, into debt. Called when the grace ends without money.
     */
    void chargeGrace(UserService s, Tariff t, AccountState account, Instant until, String actor) {
        Periods.Span next = Periods.period(t, account.zone(), s.anchor, s.periodNo + 1);
        PriceVersion version = catalog.priceAt(t.id(), next.start());
        BigDecimal price = Wallet.price(account, version.price(), s.quantity);
        BigDecimal used = Proration.kept(
                price,
                next.start().atZone(account.zone()),
                next.end().atZone(account.zone()),
                until.atZone(account.zone()),
                Proration.Granularity.SECOND,
                Currency.getInstance(account.currency()));
        wallet.charge(s, s.accountId, used, next.start(), until, version.id(), actor);
    }
}
