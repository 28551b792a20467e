package io.lastmile.billing.ledger;

import static io.lastmile.billing.db.Tables.ACCOUNT;
import static io.lastmile.billing.db.Tables.LEDGER_ENTRY;

import io.lastmile.billing.api.LedgerCheck;
import io.lastmile.billing.api.LedgerEntryView;
import io.lastmile.billing.db.tables.records.LedgerEntryRecord;
import io.lastmile.billing.sql.Jdbc;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class LedgerRepository {

    /** An account's balances, read under a row lock so that entries on one account go one at a time. */
    record LockedAccount(long id, String currency, BigDecimal balance, BigDecimal bonus) {}

    private final DSLContext db;
    private final Jdbc jdbc;

    LedgerRepository(DSLContext db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    Optional<LockedAccount> lockAccount(long accountId) {
        return db.select(ACCOUNT.ID, ACCOUNT.CURRENCY, ACCOUNT.BALANCE, ACCOUNT.BONUS)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId))
                .forUpdate()
                .fetchOptional(r -> new LockedAccount(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The balances of accounts the caller has locked. */
    Map<Long, LockedAccount> balances(Collection<Long> accountIds) {
        Map<Long, LockedAccount> accounts = new HashMap<>();
        for (LockedAccount a : jdbc.query(
                "SELECT id, currency, balance, bonus FROM account WHERE id = ANY(?)",
                p -> p.bigints(accountIds),
                r -> new LockedAccount(r.getLong(1), r.getString(2), r.getBigDecimal(3), r.getBigDecimal(4)))) {
            accounts.put(a.id(), a);
        }
        return accounts;
    }

    /**
     * Inserts many entries with one statement, skipping keys already booked; answers how many went
     * in. Plain JDBC over unnest() (see {@link Jdbc}): one statement per batch is what makes a
     * charge run fast.
     */
    int insertAll(List<EntryDraft> drafts, List<BigDecimal> balancesAfter, Instant now) {
        if (drafts.isEmpty()) {
            return 0;
        }
        int n = drafts.size();
        Object[] accounts = new Object[n];
        Object[] kinds = new Object[n];
        Object[] amounts = new Object[n];
        Object[] currencies = new Object[n];
        Object[] keys = new Object[n];
        Object[] digests = new Object[n];
        Object[] services = new Object[n];
        Object[] starts = new Object[n];
        Object[] ends = new Object[n];
        Object[] prices = new Object[n];
        Object[] actors = new Object[n];
        for (int i = 0; i < n; i++) {
            EntryDraft d = drafts.get(i);
            accounts[i] = d.accountId();
            kinds[i] = d.kind().name();
            amounts[i] = d.signedAmount();
            currencies[i] = d.currency();
            keys[i] = d.idempotencyKey();
            digests[i] = d.requestDigest();
            services[i] = d.userServiceId();
            starts[i] = Jdbc.text(d.periodStart());
            ends[i] = Jdbc.text(d.periodEnd());
            prices[i] = d.priceId();
            actors[i] = d.actor();
        }
        return jdbc.update(
                "INSERT INTO ledger_entry (account_id, kind, amount, currency, balance_after, idempotency_key,"
                        + " request_digest, user_service_id, period_start, period_end, price_id, actor, created_at)"
                        + " SELECT a, k, am, c, b, key, dg, us, ps, pe, pr, ac, ?::timestamptz FROM unnest(?::bigint[],"
                        + " ?::text[], ?::numeric[], ?::text[], ?::numeric[], ?::text[], ?::text[], ?::bigint[],"
                        + " ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::text[])"
                        + " AS v(a, k, am, c, b, key, dg, us, ps, pe, pr, ac)"
                        + " ON CONFLICT (idempotency_key) DO NOTHING",
                p -> p.instant(now)
                        .array("bigint", accounts)
                        .array("text", kinds)
                        .array("numeric", amounts)
                        .array("text", currencies)
                        .array("numeric", balancesAfter.toArray())
                        .array("text", keys)
                        .array("text", digests)
                        .array("bigint", services)
                        .array("text", starts)
                        .array("text", ends)
                        .array("bigint", prices)
                        .array("text", actors));
    }

    /** Locks many accounts at once, in id order (the order every batch locks in), with their balances. */
    Map<Long, LockedAccount> lockAccounts(Collection<Long> accountIds) {
        Map<Long, LockedAccount> accounts = new HashMap<>();
        for (LockedAccount a : jdbc.query(
                "SELECT id, currency, balance, bonus FROM account WHERE id = ANY(?) ORDER BY id FOR UPDATE",
                p -> p.bigints(accountIds),
                r -> new LockedAccount(r.getLong(1), r.getString(2), r.getBigDecimal(3), r.getBigDecimal(4)))) {
            accounts.put(a.id(), a);
        }
        return accounts;
    }

    /** The entries already booked under any of these idempotency keys, by key. */
    Map<String, LedgerEntryRecord> findByKeys(Collection<String> keys) {
        Map<String, LedgerEntryRecord> found = new HashMap<>();
        for (LedgerEntryRecord r : db.selectFrom(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.IDEMPOTENCY_KEY.eq(DSL.any(keys.toArray(String[]::new))))
                .fetch()) {
            found.put(r.getIdempotencyKey(), r);
        }
        return found;
    }

    /**
     * Inserts many payments with one statement, skipping keys already booked; answers the entries
     * that went in, by idempotency key.
     */
    Map<String, LedgerEntryView> insertPayments(List<EntryDraft> drafts, List<BigDecimal> balancesAfter, Instant now) {
        int n = drafts.size();
        Object[] accounts = new Object[n];
        Object[] amounts = new Object[n];
        Object[] currencies = new Object[n];
        Object[] keys = new Object[n];
        Object[] digests = new Object[n];
        Object[] methods = new Object[n];
        Object[] externalIds = new Object[n];
        Object[] actors = new Object[n];
        for (int i = 0; i < n; i++) {
            EntryDraft d = drafts.get(i);
            accounts[i] = d.accountId();
            amounts[i] = d.signedAmount();
            currencies[i] = d.currency();
            keys[i] = d.idempotencyKey();
            digests[i] = d.requestDigest();
            methods[i] = d.paymentMethod();
            externalIds[i] = d.externalId();
            actors[i] = d.actor();
        }
        Map<String, LedgerEntryView> inserted = new HashMap<>();
        for (var entry : jdbc.query(
                "INSERT INTO ledger_entry (account_id, kind, amount, currency, balance_after, idempotency_key,"
                        + " request_digest, payment_method, external_id, actor, created_at)"
                        + " SELECT a, 'PAYMENT', am, c, b, key, dg, pm, ex, ac, ?::timestamptz FROM unnest(?::bigint[],"
                        + " ?::numeric[], ?::text[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " AS v(a, am, c, b, key, dg, pm, ex, ac)"
                        + " ON CONFLICT (idempotency_key) DO NOTHING"
                        + " RETURNING idempotency_key, id, account_id, amount, currency, balance_after, payment_method,"
                        + " external_id, actor, created_at",
                p -> p.instant(now)
                        .array("bigint", accounts)
                        .array("numeric", amounts)
                        .array("text", currencies)
                        .array("numeric", balancesAfter.toArray())
                        .array("text", keys)
                        .array("text", digests)
                        .array("text", methods)
                        .array("text", externalIds)
                        .array("text", actors),
                r -> Map.entry(
                        r.getString(1),
                        new LedgerEntryView(
                                r.getLong(2),
                                r.getLong(3),
                                EntryKind.PAYMENT.name(),
                                r.getBigDecimal(4),
                                r.getString(5),
                                r.getBigDecimal(6),
                                null,
                                r.getString(7),
                                r.getString(8),
                                null,
                                null,
                                null,
                                null,
                                r.getString(9),
                                Jdbc.instant(r, 10),
                                null)))) {
            inserted.put(entry.getKey(), entry.getValue());
        }
        return inserted;
    }

    /** Sets many accounts' money balances with one statement. */
    void setMoneyBalances(Map<Long, BigDecimal> balances, Instant now) {
        jdbc.update(
                "UPDATE account a SET balance = v.b, updated_at = ?::timestamptz"
                        + " FROM unnest(?::bigint[], ?::numeric[]) AS v(id, b) WHERE a.id = v.id",
                p -> p.instant(now)
                        .bigints(balances.keySet())
                        .array("numeric", balances.values().toArray()));
    }

    Optional<String> currencyOf(long accountId) {
        return db.select(ACCOUNT.CURRENCY)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(r -> r.value1());
    }

    Optional<LedgerEntryRecord> findByKey(String idempotencyKey) {
        return db.selectFrom(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional();
    }

    Optional<LedgerEntryRecord> find(long entryId) {
        return db.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.ID.eq(entryId)).fetchOptional();
    }

    /** What the PAYMENT_REFUNDs of a payment entry took off the balance so far, as a positive sum. */
    BigDecimal refundedOf(long paymentEntryId) {
        BigDecimal sum = db.select(DSL.sum(LEDGER_ENTRY.AMOUNT))
                .from(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.CORRECTS_ENTRY_ID.eq(paymentEntryId))
                .and(LEDGER_ENTRY.KIND.eq(EntryKind.PAYMENT_REFUND.name()))
                .fetchOne(r -> r.value1());
        return sum == null ? BigDecimal.ZERO : sum.negate();
    }

    /** Inserts the entry unless its idempotency key is taken (by a concurrent request): then empty. */
    Optional<LedgerEntryRecord> insert(EntryDraft d, BigDecimal balanceAfter, Instant now) {
        return db.insertInto(LEDGER_ENTRY)
                .set(LEDGER_ENTRY.ACCOUNT_ID, d.accountId())
                .set(LEDGER_ENTRY.KIND, d.kind().name())
                .set(LEDGER_ENTRY.AMOUNT, d.signedAmount())
                .set(LEDGER_ENTRY.CURRENCY, d.currency())
                .set(LEDGER_ENTRY.BALANCE_AFTER, balanceAfter)
                .set(LEDGER_ENTRY.IDEMPOTENCY_KEY, d.idempotencyKey())
                .set(LEDGER_ENTRY.REQUEST_DIGEST, d.requestDigest())
                .set(LEDGER_ENTRY.CORRECTS_ENTRY_ID, d.correctsEntryId())
                .set(LEDGER_ENTRY.PAYMENT_METHOD, d.paymentMethod())
                .set(LEDGER_ENTRY.EXTERNAL_ID, d.externalId())
                .set(LEDGER_ENTRY.USER_SERVICE_ID, d.userServiceId())
                .set(LEDGER_ENTRY.PERIOD_START, utc(d.periodStart()))
                .set(LEDGER_ENTRY.PERIOD_END, utc(d.periodEnd()))
                .set(LEDGER_ENTRY.REASON, d.reason())
                .set(LEDGER_ENTRY.ACTOR, d.actor())
                .set(LEDGER_ENTRY.PRICE_ID, d.priceId())
                .set(LEDGER_ENTRY.CREATED_AT, utc(now))
                .onConflict(LEDGER_ENTRY.IDEMPOTENCY_KEY)
                .doNothing()
                .returning()
                .fetchOptional();
    }

    void setBalances(long accountId, BigDecimal balance, BigDecimal bonus, Instant now) {
        db.update(ACCOUNT)
                .set(ACCOUNT.BALANCE, balance)
                .set(ACCOUNT.BONUS, bonus)
                .set(ACCOUNT.UPDATED_AT, utc(now))
                .where(ACCOUNT.ID.eq(accountId))
                .execute();
    }

    /** An account's entries, newest first, before the given id (keyset paging). */
    List<LedgerEntryView> entries(long accountId, Long beforeId, int limit) {
        return db.selectFrom(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.ACCOUNT_ID.eq(accountId))
                .and(beforeId == null ? DSL.noCondition() : LEDGER_ENTRY.ID.lt(beforeId))
                .orderBy(LEDGER_ENTRY.ID.desc())
                .limit(limit)
                .fetch(LedgerRepository::view);
    }

    /** Every account whose stored balances differ from the sums of its entries. */
    LedgerCheck check() {
        Field<BigDecimal> money = DSL.coalesce(
                DSL.sum(LEDGER_ENTRY.AMOUNT).filterWhere(LEDGER_ENTRY.KIND.notLike("BONUS%")), BigDecimal.ZERO);
        Field<BigDecimal> bonus = DSL.coalesce(
                DSL.sum(LEDGER_ENTRY.AMOUNT).filterWhere(LEDGER_ENTRY.KIND.like("BONUS%")), BigDecimal.ZERO);
        var sums = db.select(ACCOUNT.ID, ACCOUNT.BALANCE, money.as("money"), ACCOUNT.BONUS, bonus.as("bonus_sum"))
                .from(ACCOUNT)
                .leftJoin(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ACCOUNT_ID.eq(ACCOUNT.ID))
                .groupBy(ACCOUNT.ID)
                .fetch();
        List<LedgerCheck.Mismatch> mismatches = sums.stream()
                .filter(r -> r.value2().compareTo(r.value3()) != 0 || r.value4().compareTo(r.value5()) != 0)
                .map(r -> new LedgerCheck.Mismatch(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()))
                .toList();
        return new LedgerCheck(sums.size(), mismatches);
    }

    List<LedgerEntryView> entriesOfService(long userServiceId) {
        return db.selectFrom(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.USER_SERVICE_ID.eq(userServiceId))
                .orderBy(LEDGER_ENTRY.ID)
                .fetch(LedgerRepository::view);
    }

    static LedgerEntryView view(LedgerEntryRecord r) {
        return new LedgerEntryView(
                r.getId(),
                r.getAccountId(),
                r.getKind(),
                r.getAmount(),
                r.getCurrency(),
                r.getBalanceAfter(),
                r.getCorrectsEntryId(),
                r.getPaymentMethod(),
                r.getExternalId(),
                r.getUserServiceId(),
                instant(r.getPeriodStart()),
                instant(r.getPeriodEnd()),
                r.getReason(),
                r.getActor(),
                instant(r.getCreatedAt()),
                r.getPriceId());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
