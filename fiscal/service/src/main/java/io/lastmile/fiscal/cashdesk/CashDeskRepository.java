package io.lastmile.fiscal.cashdesk;

import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.RECEIPT;

import io.lastmile.fiscal.db.tables.records.ReceiptRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The cash desk's payments (provider {@code cashdesk}) and their sell receipts, read only. */
@Repository
class CashDeskRepository {

    private final DSLContext db;

    CashDeskRepository(DSLContext db) {
        this.db = db;
    }

    Optional<CashPaymentView> byId(long id) {
        return select().where(desk().and(PAYMENT.ID.eq(id))).fetchOptional(CashDeskRepository::view);
    }

    Optional<CashPaymentView> byProviderId(String providerPaymentId) {
        return select().where(desk().and(PAYMENT.PROVIDER_PAYMENT_ID.eq(providerPaymentId)))
                .fetchOptional(CashDeskRepository::view);
    }

    List<CashPaymentView> list(String cashier, Instant from, Instant to, int limit) {
        return select().where(range(cashier, from, to))
                .orderBy(PAYMENT.RECEIVED_AT, PAYMENT.ID)
                .limit(limit)
                .fetch(CashDeskRepository::view);
    }

    List<ShiftList.Total> totals(String cashier, Instant from, Instant to) {
        return db.select(PAYMENT.CURRENCY, DSL.count(), DSL.sum(PAYMENT.AMOUNT))
                .from(PAYMENT)
                .where(range(cashier, from, to))
                .groupBy(PAYMENT.CURRENCY)
                .orderBy(PAYMENT.CURRENCY)
                .fetch(r -> new ShiftList.Total(r.value1(), r.value2(), inUnits(r.value3(), r.value1())));
    }

    /** The payment's sell receipt, once the receipt job made it. */
    Optional<ReceiptRecord> sellReceipt(long paymentId) {
        return db.selectFrom(RECEIPT)
                .where(RECEIPT.PAYMENT_ID.eq(paymentId).and(RECEIPT.KIND.eq("SELL")))
                .fetchOptional();
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(PAYMENT.fields())
                .select(RECEIPT.STATUS)
                .from(PAYMENT)
                .leftJoin(RECEIPT)
                .on(RECEIPT.PAYMENT_ID.eq(PAYMENT.ID).and(RECEIPT.KIND.eq("SELL")));
    }

    private static Condition desk() {
        return PAYMENT.PROVIDER.eq(CashDeskService.PROVIDER);
    }

    private static Condition range(String cashier, Instant from, Instant to) {
        List<Condition> where = new ArrayList<>();
        where.add(desk());
        where.add(PAYMENT.RECEIVED_AT.ge(from.atOffset(ZoneOffset.UTC)));
        where.add(PAYMENT.RECEIVED_AT.lt(to.atOffset(ZoneOffset.UTC)));
        if (cashier != null) {
            where.add(PAYMENT.CASHIER.eq(cashier));
        }
        return DSL.and(where);
    }

    private static CashPaymentView view(Record r) {
        String details =
                r.get(PAYMENT.DETAILS) == null ? "{}" : r.get(PAYMENT.DETAILS).data();
        return new CashPaymentView(
                r.get(PAYMENT.ID),
                r.get(PAYMENT.PAYMENT_KEY),
                r.get(PAYMENT.ACCOUNT_ID),
                r.get(PAYMENT.CONTRACT),
                inUnits(r.get(PAYMENT.AMOUNT), r.get(PAYMENT.CURRENCY)),
                r.get(PAYMENT.CURRENCY),
                r.get(PAYMENT.CASHIER),
                Details.note(details),
                r.get(PAYMENT.CUSTOMER_EMAIL),
                r.get(PAYMENT.CUSTOMER_PHONE),
                r.get(PAYMENT.PAID_AT).toInstant(),
                r.get(RECEIPT.STATUS));
    }

    /** The note kept in the payment's details. */
    static final class Details {
        private static final tools.jackson.databind.json.JsonMapper JSON =
                tools.jackson.databind.json.JsonMapper.builder().build();

        private Details() {}

        static String note(String json) {
            var node = JSON.readTree(json).path(CashDeskService.NOTE);
            return node.isString() ? node.asString() : null;
        }
    }

    /** The stored amount with the currency's decimals (exact: none more were accepted). */
    static BigDecimal inUnits(BigDecimal amount, String currency) {
        int digits = Math.max(java.util.Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return amount.setScale(
                Math.max(digits, amount.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY);
    }
}
