package io.lastmile.fiscal.payments;

import static io.lastmile.fiscal.db.Tables.BILLING_OUTBOX;
import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.PAYMENT_REFUND;
import static io.lastmile.fiscal.db.Tables.RECEIPT;

import io.lastmile.fiscal.payments.PaymentView.BillingState;
import io.lastmile.fiscal.payments.PaymentView.ReceiptState;
import io.lastmile.fiscal.payments.PaymentView.RefundView;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.springframework.stereotype.Repository;

/** Reads payments with their refunds, billing outbox state and receipts (read only). */
@Repository
class PaymentQueryRepository {

    private final DSLContext db;

    PaymentQueryRepository(DSLContext db) {
        this.db = db;
    }

    List<PaymentView> find(PaymentFilter f) {
        List<Condition> where = new ArrayList<>();
        if (f.accountId() != null) {
            where.add(PAYMENT.ACCOUNT_ID.eq(f.accountId()));
        }
        if (f.contract() != null) {
            where.add(PAYMENT.CONTRACT.eq(f.contract()));
        }
        if (f.provider() != null) {
            where.add(PAYMENT.PROVIDER.eq(f.provider()));
        }
        if (f.method() != null) {
            where.add(PAYMENT.METHOD.eq(f.method()));
        }
        if (f.from() != null) {
            where.add(PAYMENT.RECEIVED_AT.ge(f.from().atOffset(ZoneOffset.UTC)));
        }
        if (f.to() != null) {
            where.add(PAYMENT.RECEIVED_AT.lt(f.to().atOffset(ZoneOffset.UTC)));
        }
        if (f.testMode() != null) {
            where.add(PAYMENT.TEST_MODE.eq(f.testMode()));
        }
        if (f.before() != null) {
            where.add(PAYMENT.ID.lt(f.before()));
        }
        List<PaymentView> page = select().where(where)
                .orderBy(PAYMENT.ID.desc())
                .limit(f.limit())
                .fetch(PaymentQueryRepository::payment);
        return withRefunds(page);
    }

    Optional<PaymentView> get(long id) {
        return select().where(PAYMENT.ID.eq(id))
                .fetchOptional(PaymentQueryRepository::payment)
                .map(p -> withRefunds(List.of(p)).getFirst());
    }

    private SelectOnConditionStep<Record> select() {
        return db.select(PAYMENT.fields())
                .select(
                        BILLING_OUTBOX.STATE,
                        BILLING_OUTBOX.LEDGER_ENTRY_ID,
                        BILLING_OUTBOX.ATTEMPTS,
                        BILLING_OUTBOX.LAST_ERROR,
                        RECEIPT.ID,
                        RECEIPT.STATUS)
                .from(PAYMENT)
                .leftJoin(BILLING_OUTBOX)
                .on(BILLING_OUTBOX.PAYMENT_ID.eq(PAYMENT.ID).and(BILLING_OUTBOX.KIND.eq("PAYMENT")))
                .leftJoin(RECEIPT)
                .on(RECEIPT.PAYMENT_ID.eq(PAYMENT.ID).and(RECEIPT.KIND.eq("SELL")));
    }

    private List<PaymentView> withRefunds(List<PaymentView> payments) {
        if (payments.isEmpty()) {
            return payments;
        }
        Collection<Long> ids = payments.stream().map(PaymentView::id).toList();
        Map<Long, List<RefundView>> refunds = db.select(PAYMENT_REFUND.fields())
                .select(
                        BILLING_OUTBOX.STATE,
                        BILLING_OUTBOX.LEDGER_ENTRY_ID,
                        BILLING_OUTBOX.ATTEMPTS,
                        BILLING_OUTBOX.LAST_ERROR,
                        RECEIPT.ID,
                        RECEIPT.STATUS)
                .from(PAYMENT_REFUND)
                .leftJoin(BILLING_OUTBOX)
                .on(BILLING_OUTBOX.REFUND_ID.eq(PAYMENT_REFUND.ID))
                .leftJoin(RECEIPT)
                .on(RECEIPT.REFUND_ID.eq(PAYMENT_REFUND.ID).and(RECEIPT.KIND.eq("SELL_REFUND")))
                .where(PAYMENT_REFUND.PAYMENT_ID.in(ids))
                .orderBy(PAYMENT_REFUND.ID)
                .fetchGroups(r -> r.get(PAYMENT_REFUND.PAYMENT_ID), PaymentQueryRepository::refund);
        return payments.stream()
                .map(p -> p.withRefunds(refunds.getOrDefault(p.id(), List.of())))
                .collect(Collectors.toList());
    }

    private static PaymentView payment(Record r) {
        return new PaymentView(
                r.get(PAYMENT.ID),
                r.get(PAYMENT.PROVIDER),
                r.get(PAYMENT.PROVIDER_PAYMENT_ID),
                r.get(PAYMENT.PAYMENT_KEY),
                r.get(PAYMENT.CONTRACT),
                r.get(PAYMENT.ACCOUNT_ID),
                r.get(PAYMENT.INVOICE_ID),
                r.get(PAYMENT.AMOUNT).stripTrailingZeros(),
                r.get(PAYMENT.CURRENCY),
                r.get(PAYMENT.METHOD),
                Boolean.TRUE.equals(r.get(PAYMENT.TEST_MODE)),
                r.get(PAYMENT.CASHIER),
                r.get(PAYMENT.CUSTOMER_EMAIL),
                r.get(PAYMENT.CUSTOMER_PHONE),
                instant(r.get(PAYMENT.PAID_AT)),
                instant(r.get(PAYMENT.RECEIVED_AT)),
                billing(r),
                receipt(r),
                List.of());
    }

    private static RefundView refund(Record r) {
        return new RefundView(
                r.get(PAYMENT_REFUND.ID),
                r.get(PAYMENT_REFUND.PROVIDER_REFUND_ID),
                r.get(PAYMENT_REFUND.AMOUNT).stripTrailingZeros(),
                r.get(PAYMENT_REFUND.CURRENCY),
                instant(r.get(PAYMENT_REFUND.REFUNDED_AT)),
                instant(r.get(PAYMENT_REFUND.RECEIVED_AT)),
                billing(r),
                receipt(r));
    }

    private static BillingState billing(Record r) {
        String state = r.get(BILLING_OUTBOX.STATE);
        if (state == null) {
            return null;
        }
        Integer attempts = r.get(BILLING_OUTBOX.ATTEMPTS);
        return new BillingState(
                state,
                r.get(BILLING_OUTBOX.LEDGER_ENTRY_ID),
                attempts == null ? 0 : attempts,
                r.get(BILLING_OUTBOX.LAST_ERROR));
    }

    private static ReceiptState receipt(Record r) {
        Long id = r.get(RECEIPT.ID);
        return id == null ? null : new ReceiptState(id, r.get(RECEIPT.STATUS));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
