package io.lastmile.fiscal.book;

import static io.lastmile.fiscal.db.Tables.BILLING_OUTBOX;
import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.PAYMENT_REFUND;

import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The payment and payment_refund rows, and their billing_outbox entries. */
@Repository
class PaymentRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext db;

    PaymentRepository(DSLContext db) {
        this.db = db;
    }

    /** What a payment was booked with, to compare a repeated notification against. */
    record Booked(long id, long accountId, BigDecimal amount, String currency, Long invoiceId) {}

    Optional<Booked> find(String provider, String providerPaymentId) {
        return db.select(PAYMENT.ID, PAYMENT.ACCOUNT_ID, PAYMENT.AMOUNT, PAYMENT.CURRENCY, PAYMENT.INVOICE_ID)
                .from(PAYMENT)
                .where(PAYMENT.PROVIDER.eq(provider).and(PAYMENT.PROVIDER_PAYMENT_ID.eq(providerPaymentId)))
                .fetchOptional(r -> new Booked(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    Optional<Booked> lock(long paymentId) {
        return db.select(PAYMENT.ID, PAYMENT.ACCOUNT_ID, PAYMENT.AMOUNT, PAYMENT.CURRENCY, PAYMENT.INVOICE_ID)
                .from(PAYMENT)
                .where(PAYMENT.ID.eq(paymentId))
                .forUpdate()
                .fetchOptional(r -> new Booked(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Inserts the payment unless (provider, provider id) is booked; answers the new id, or empty. */
    Optional<Long> insert(IncomingPayment p, long accountId, String contract, String method, Instant now) {
        return db.insertInto(PAYMENT)
                .set(PAYMENT.PROVIDER, p.provider())
                .set(PAYMENT.PROVIDER_PAYMENT_ID, p.providerPaymentId())
                .set(PAYMENT.PAYMENT_KEY, p.provider() + ":" + p.providerPaymentId())
                .set(PAYMENT.CONTRACT, contract)
                .set(PAYMENT.ACCOUNT_ID, accountId)
                .set(PAYMENT.INVOICE_ID, p.invoiceId())
                .set(PAYMENT.AMOUNT, p.amount())
                .set(PAYMENT.CURRENCY, p.currency())
                .set(PAYMENT.TEST_MODE, p.testMode())
                .set(PAYMENT.CUSTOMER_EMAIL, p.customerEmail())
                .set(PAYMENT.CUSTOMER_PHONE, p.customerPhone())
                .set(PAYMENT.DETAILS, JSONB.valueOf(JSON.writeValueAsString(p.details())))
                .set(PAYMENT.METHOD, method)
                .set(PAYMENT.CASHIER, p.details().get("cashier"))
                .set(PAYMENT.PAID_AT, (p.paidAt() == null ? now : p.paidAt()).atOffset(ZoneOffset.UTC))
                .set(PAYMENT.RECEIVED_AT, now.atOffset(ZoneOffset.UTC))
                // no conflict target: a parallel insert may collide on payment_key first, which
                // names the same payment; with a target, that index raised instead of skipping
                .onConflictDoNothing()
                .returning(PAYMENT.ID)
                .fetchOptional(PAYMENT.ID);
    }

    /** A refund as booked before, to compare a repeated notification against. */
    record BookedRefund(long id, long paymentId, BigDecimal amount, String currency) {}

    Optional<BookedRefund> findRefund(String refundKey) {
        return db.select(PAYMENT_REFUND.ID, PAYMENT_REFUND.PAYMENT_ID, PAYMENT_REFUND.AMOUNT, PAYMENT_REFUND.CURRENCY)
                .from(PAYMENT_REFUND)
                .where(PAYMENT_REFUND.REFUND_KEY.eq(refundKey))
                .fetchOptional(r -> new BookedRefund(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    BigDecimal refunded(long paymentId) {
        BigDecimal sum = db.select(DSL.sum(PAYMENT_REFUND.AMOUNT))
                .from(PAYMENT_REFUND)
                .where(PAYMENT_REFUND.PAYMENT_ID.eq(paymentId))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    Optional<Long> insertRefund(long paymentId, IncomingRefund r, String refundKey, Instant now) {
        return db.insertInto(PAYMENT_REFUND)
                .set(PAYMENT_REFUND.PAYMENT_ID, paymentId)
                .set(PAYMENT_REFUND.PROVIDER_REFUND_ID, r.providerRefundId())
                .set(PAYMENT_REFUND.REFUND_KEY, refundKey)
                .set(PAYMENT_REFUND.AMOUNT, r.amount())
                .set(PAYMENT_REFUND.CURRENCY, r.currency())
                .set(
                        PAYMENT_REFUND.REFUNDED_AT,
                        (r.refundedAt() == null ? now : r.refundedAt()).atOffset(ZoneOffset.UTC))
                .set(PAYMENT_REFUND.RECEIVED_AT, now.atOffset(ZoneOffset.UTC))
                .onConflict(PAYMENT_REFUND.REFUND_KEY)
                .doNothing()
                .returning(PAYMENT_REFUND.ID)
                .fetchOptional(PAYMENT_REFUND.ID);
    }

    /** Queues the payment (refundId null) or the refund for billing's ledger. */
    void enqueue(long paymentId, Long refundId, Instant now) {
        db.insertInto(BILLING_OUTBOX)
                .set(BILLING_OUTBOX.KIND, refundId == null ? "PAYMENT" : "REFUND")
                .set(BILLING_OUTBOX.PAYMENT_ID, paymentId)
                .set(BILLING_OUTBOX.REFUND_ID, refundId)
                .set(BILLING_OUTBOX.STATE, "PENDING")
                .set(BILLING_OUTBOX.NEXT_ATTEMPT_AT, now.atOffset(ZoneOffset.UTC))
                .set(BILLING_OUTBOX.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(BILLING_OUTBOX.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .execute();
    }
}
