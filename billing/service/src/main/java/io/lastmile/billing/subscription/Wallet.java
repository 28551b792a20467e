package io.lastmile.billing.subscription;

import io.lastmile.billing.db.tables.records.LedgerEntryRecord;
import io.lastmile.billing.ledger.EntryDraft;
import io.lastmile.billing.ledger.EntryKind;
import io.lastmile.billing.ledger.Ledger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Money for user services: what a period costs the account, whether it can pay, and the ledger
 * entries that charge a period and give part of it back. Runs inside the caller's transaction,
 * which holds the account's row lock.
 */
@Component
class Wallet {

    static final String CLOCK_ACTOR = "billing-clock";

    private final Ledger ledger;
    private final UserServiceRepository repository;
    private final SubscriptionProperties properties;

    Wallet(Ledger ledger, UserServiceRepository repository, SubscriptionProperties properties) {
        this.ledger = ledger;
        this.repository = repository;
        this.properties = properties;
    }

    /** The account as it is now (the caller already holds its lock). */
    AccountState account(long accountId) {
        return repository.lockAccount(accountId, false).orElseThrow();
    }

    /** A period's price for this account: times the quantity, less its discount, at minor units. */
    static BigDecimal price(AccountState account, BigDecimal listPrice, int quantity) {
        int digits = Currency.getInstance(account.currency()).getDefaultFractionDigits();
        BigDecimal share = BigDecimal.valueOf(100).subtract(account.discountPercent());
        return listPrice
                .multiply(BigDecimal.valueOf(quantity))
                .multiply(share)
                .divide(BigDecimal.valueOf(100), digits, RoundingMode.HALF_UP);
    }

    /** How much of {@code amount} bonus points may pay. */
    BigDecimal usableBonus(AccountState account, BigDecimal amount) {
        BigDecimal cap = amount.multiply(properties.bonusMaxSharePercent())
                .divide(BigDecimal.valueOf(100), amount.scale(), RoundingMode.DOWN);
        return account.bonus().min(cap).max(BigDecimal.ZERO);
    }

    /** Whether balance, credit limit and usable bonus together cover {@code amount}. */
    boolean canPay(AccountState account, BigDecimal amount) {
        BigDecimal available = account.balance().add(account.creditLimit()).add(usableBonus(account, amount));
        return available.compareTo(amount) >= 0;
    }

    /**
     * Charges a period: bonus first (as far as it may pay), the rest from the balance. Keyed by
     * (user service, period start, price version): charging the same period again books nothing.
     */
    void charge(
            UserService s, long accountId, BigDecimal amount, Instant start, Instant end, Long priceId, String actor) {
        charge(s, accountId, amount, start, end, priceId, actor, "");
    }

    /** As {@link #charge}, with a prefix that keeps the keys of other charges (a freeze fee) apart. */
    void charge(
            UserService s,
            long accountId,
            BigDecimal amount,
            Instant start,
            Instant end,
            Long priceId,
            String actor,
            String keyPrefix) {
        if (amount.signum() == 0) {
            return;
        }
        AccountState account = account(accountId);
        BigDecimal fromBonus = usableBonus(account, amount);
        BigDecimal fromMoney = amount.subtract(fromBonus);
        String period = periodKey(s.id, start, priceId);
        String reason = keyPrefix.isEmpty() ? null : keyPrefix;
        if (fromBonus.signum() > 0) {
            ledger.post(
                    EntryDraft.forService(
                            EntryKind.BONUS_SPEND,
                            accountId,
                            fromBonus,
                            account.currency(),
                            s.id,
                            start,
                            end,
                            priceId,
                            null,
                            keyPrefix + "bonus:" + period,
                            reason,
                            actor),
                    false);
        }
        if (fromMoney.signum() > 0) {
            ledger.post(
                    EntryDraft.forService(
                            EntryKind.CHARGE,
                            accountId,
                            fromMoney,
                            account.currency(),
                            s.id,
                            start,
                            end,
                            priceId,
                            null,
                            keyPrefix + "charge:" + period,
                            reason,
                            actor),
                    false);
        }
    }

    /**
     * What names a period's payment in its entries' keys: (user service, period start, price
     * version). The price version tells a tariff change at the very instant a period began from
     * that period. The batch path books with the same keys.
     */
    static String periodKey(long userServiceId, Instant start, Long priceId) {
        return userServiceId + ":" + start.toEpochMilli() + ":" + priceId;
    }

    /** What was paid (money and bonus together) for the period starting at {@code start}. */
    BigDecimal paidFor(UserService s, Instant start) {
        return repository.periodPayments(s.id, start).stream()
                .map(e -> e.getAmount().abs())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Gives back {@code refund} of what the period starting at {@code start} was paid, to money and
     * bonus in the proportion they paid it, each entry linked to the one it answers. Once per charge.
     */
    void refund(UserService s, Instant start, BigDecimal refund, String reason, String actor) {
        if (refund.signum() <= 0) {
            return;
        }
        List<LedgerEntryRecord> paid = repository.periodPayments(s.id, start);
        BigDecimal total = paid.stream().map(e -> e.getAmount().abs()).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() == 0) {
            return;
        }
        BigDecimal left = refund.min(total);
        for (int i = 0; i < paid.size(); i++) {
            LedgerEntryRecord entry = paid.get(i);
            BigDecimal part = i == paid.size() - 1
                    ? left
                    : refund.multiply(entry.getAmount().abs()).divide(total, refund.scale(), RoundingMode.DOWN);
            left = left.subtract(part);
            if (part.signum() == 0) {
                continue;
            }
            boolean bonus = entry.getKind().equals(EntryKind.BONUS_SPEND.name());
            ledger.post(
                    EntryDraft.forService(
                            bonus ? EntryKind.BONUS_GRANT : EntryKind.REFUND,
                            entry.getAccountId(),
                            part,
                            entry.getCurrency(),
                            s.id,
                            start,
                            entry.getPeriodEnd().toInstant(),
                            entry.getPriceId(),
                            entry.getId(),
                            "refund:" + entry.getId(),
                            reason,
                            actor),
                    false);
        }
    }
}
