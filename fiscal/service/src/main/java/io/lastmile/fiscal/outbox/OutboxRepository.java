package io.lastmile.fiscal.outbox;

import static io.lastmile.fiscal.db.Tables.BILLING_OUTBOX;
import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.PAYMENT_REFUND;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private final DSLContext db;

    OutboxRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * A row due to be posted to billing: a PAYMENT, or a REFUND of a payment whose own row billing
     * has answered ({@code paymentState} CREDITED with its {@code paymentEntryId}, or REFUSED).
     */
    record Due(
            long id,
            String kind,
            int attempts,
            long accountId,
            BigDecimal amount,
            String currency,
            String provider,
            String providerPaymentId,
            String paymentKey,
            Refund refund,
            String paymentState,
            Long paymentEntryId) {

        boolean isRefund() {
            return "REFUND".equals(kind);
        }
    }

    /** The refund of a REFUND row: {@code refundKey} is billing's idempotency key. */
    record Refund(BigDecimal amount, String currency, String providerRefundId, String refundKey) {}

    /**
     * The next due REFUND row, locked; rows other workers hold are skipped. A refund whose payment
     * billing has not answered yet (CREDITED with its entry, or REFUSED) is not due: it waits.
     */
    Optional<Due> claimRefund(Instant now) {
        return claim(now, false, 1).stream().findFirst();
    }

    /**
     * Up to {@code limit} due PAYMENT rows, locked, for one batch post. The longest-waiting come
     * first, then id order: while billing is down every row gets its retries.
     */
    List<Due> claimPayments(Instant now, int limit) {
        return claim(now, true, limit);
    }

    private List<Due> claim(Instant now, boolean payments, int limit) {
        var row = BILLING_OUTBOX.as("row");
        var paid = BILLING_OUTBOX.as("paid");
        return db.select(
                        row.ID,
                        row.KIND,
                        row.ATTEMPTS,
                        PAYMENT.ACCOUNT_ID,
                        PAYMENT.AMOUNT,
                        PAYMENT.CURRENCY,
                        PAYMENT.PROVIDER,
                        PAYMENT.PROVIDER_PAYMENT_ID,
                        PAYMENT.PAYMENT_KEY,
                        PAYMENT_REFUND.AMOUNT,
                        PAYMENT_REFUND.CURRENCY,
                        PAYMENT_REFUND.PROVIDER_REFUND_ID,
                        PAYMENT_REFUND.REFUND_KEY,
                        paid.STATE,
                        paid.LEDGER_ENTRY_ID)
                .from(row)
                .join(PAYMENT)
                .on(PAYMENT.ID.eq(row.PAYMENT_ID))
                .leftJoin(PAYMENT_REFUND)
                .on(PAYMENT_REFUND.ID.eq(row.REFUND_ID))
                .leftJoin(paid)
                .on(paid.PAYMENT_ID.eq(row.PAYMENT_ID).and(paid.KIND.eq("PAYMENT")))
                .where(row.STATE.eq("PENDING"))
                .and(row.NEXT_ATTEMPT_AT.le(now.atOffset(ZoneOffset.UTC)))
                .and(
                        payments
                                ? row.KIND.eq("PAYMENT")
                                : row.KIND.eq("REFUND").and(paid.STATE.in("CREDITED", "REFUSED")))
                .orderBy(row.NEXT_ATTEMPT_AT, row.ID)
                .limit(limit)
                .forUpdate()
                .of(row)
                .skipLocked()
                .fetch(r -> new Due(
                        r.get(row.ID),
                        r.get(row.KIND),
                        r.get(row.ATTEMPTS),
                        r.get(PAYMENT.ACCOUNT_ID),
                        r.get(PAYMENT.AMOUNT),
                        r.get(PAYMENT.CURRENCY),
                        r.get(PAYMENT.PROVIDER),
                        r.get(PAYMENT.PROVIDER_PAYMENT_ID),
                        r.get(PAYMENT.PAYMENT_KEY),
                        r.get(PAYMENT_REFUND.REFUND_KEY) == null
                                ? null
                                : new Refund(
                                        r.get(PAYMENT_REFUND.AMOUNT),
                                        r.get(PAYMENT_REFUND.CURRENCY),
                                        r.get(PAYMENT_REFUND.PROVIDER_REFUND_ID),
                                        r.get(PAYMENT_REFUND.REFUND_KEY)),
                        r.get(paid.STATE),
                        r.get(paid.LEDGER_ENTRY_ID)));
    }

    void credited(long id, Long ledgerEntryId, Instant now) {
        db.update(BILLING_OUTBOX)
                .set(BILLING_OUTBOX.STATE, "CREDITED")
                .set(BILLING_OUTBOX.LEDGER_ENTRY_ID, ledgerEntryId)
                .set(BILLING_OUTBOX.ATTEMPTS, BILLING_OUTBOX.ATTEMPTS.plus(1))
                .set(BILLING_OUTBOX.LAST_ERROR, (String) null)
                .set(BILLING_OUTBOX.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(BILLING_OUTBOX.ID.eq(id))
                .execute();
    }

    /** {@link #credited} for many rows with one statement: {@code entries[i]} is row {@code ids[i]}'s ledger entry. */
    void creditedAll(Long[] ids, Long[] entries, Instant now) {
        if (ids.length == 0) {
            return;
        }
        db.execute(
                "UPDATE billing_outbox o SET state = 'CREDITED', ledger_entry_id = v.entry, attempts = o.attempts + 1,"
                        + " last_error = NULL, updated_at = ?::timestamptz FROM unnest(?, ?) AS v(id, entry)"
                        + " WHERE o.id = v.id",
                now.atOffset(ZoneOffset.UTC),
                ids,
                entries);
    }

    void refused(long id, String answer, Instant now) {
        db.update(BILLING_OUTBOX)
                .set(BILLING_OUTBOX.STATE, "REFUSED")
                .set(BILLING_OUTBOX.BILLING_ANSWER, answer)
                .set(BILLING_OUTBOX.ATTEMPTS, BILLING_OUTBOX.ATTEMPTS.plus(1))
                .set(BILLING_OUTBOX.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(BILLING_OUTBOX.ID.eq(id))
                .execute();
    }

    void retryAt(long id, Instant next, String error, Instant now) {
        db.update(BILLING_OUTBOX)
                .set(BILLING_OUTBOX.NEXT_ATTEMPT_AT, next.atOffset(ZoneOffset.UTC))
                .set(BILLING_OUTBOX.LAST_ERROR, error)
                .set(BILLING_OUTBOX.ATTEMPTS, BILLING_OUTBOX.ATTEMPTS.plus(1))
                .set(BILLING_OUTBOX.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(BILLING_OUTBOX.ID.eq(id))
                .execute();
    }
}
