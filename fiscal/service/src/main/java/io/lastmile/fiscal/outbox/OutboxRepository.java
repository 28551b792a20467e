package io.lastmile.fiscal.outbox;

import static io.lastmile.fiscal.db.Tables.BILLING_OUTBOX;
import static io.lastmile.fiscal.db.Tables.PAYMENT;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private final DSLContext db;

    OutboxRepository(DSLContext db) {
        this.db = db;
    }

    /** A payment due to be posted to billing. */
    record Due(
            long id,
            int attempts,
            long accountId,
            BigDecimal amount,
            String currency,
            String provider,
            String providerPaymentId,
            String paymentKey) {}

    /** The next due payment entry, locked; entries other workers hold are skipped. */
    Optional<Due> claimPayment(Instant now) {
        return db.select(
                        BILLING_OUTBOX.ID,
                        BILLING_OUTBOX.ATTEMPTS,
                        PAYMENT.ACCOUNT_ID,
                        PAYMENT.AMOUNT,
                        PAYMENT.CURRENCY,
                        PAYMENT.PROVIDER,
                        PAYMENT.PROVIDER_PAYMENT_ID,
                        PAYMENT.PAYMENT_KEY)
                .from(BILLING_OUTBOX)
                .join(PAYMENT)
                .on(PAYMENT.ID.eq(BILLING_OUTBOX.PAYMENT_ID))
                .where(BILLING_OUTBOX.STATE.eq("PENDING"))
                .and(BILLING_OUTBOX.KIND.eq("PAYMENT"))
                .and(BILLING_OUTBOX.NEXT_ATTEMPT_AT.le(now.atOffset(ZoneOffset.UTC)))
                .orderBy(BILLING_OUTBOX.NEXT_ATTEMPT_AT)
                .limit(1)
                .forUpdate()
                .of(BILLING_OUTBOX)
                .skipLocked()
                .fetchOptional(r -> new Due(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        r.value7(),
                        r.value8()));
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
