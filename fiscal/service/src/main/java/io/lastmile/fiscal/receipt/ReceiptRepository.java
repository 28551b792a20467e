package io.lastmile.fiscal.receipt;

import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.PAYMENT_REFUND;
import static io.lastmile.fiscal.db.Tables.RECEIPT;

import io.lastmile.fiscal.db.tables.records.ReceiptRecord;
import io.lastmile.fiscal.receipt.FiscalReport.FiscalAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The receipt table. */
@Repository
class ReceiptRepository {

    /** payment.method of a cash payment (the cash desk's): its receipts say cash. */
    static final String CASH = "CASH";

    private final DSLContext db;

    ReceiptRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * A sell receipt for every real (not test) payment that has none, cash when the payment's
     * method is CASH. Safe in parallel: the unique
     * indexes keep one per payment, and a conflict is skipped.
     */
    int enqueueSells(String registrar, Instant now) {
        OffsetDateTime at = utc(now);
        return db.insertInto(
                        RECEIPT,
                        RECEIPT.KIND,
                        RECEIPT.PAYMENT_ID,
                        RECEIPT.EXTERNAL_ID,
                        RECEIPT.ACCOUNT_ID,
                        RECEIPT.AMOUNT,
                        RECEIPT.CURRENCY,
                        RECEIPT.CASH,
                        RECEIPT.CLIENT_EMAIL,
                        RECEIPT.CLIENT_PHONE,
                        RECEIPT.STATUS,
                        RECEIPT.REGISTRAR,
                        RECEIPT.NEXT_ATTEMPT_AT,
                        RECEIPT.CREATED_AT,
                        RECEIPT.UPDATED_AT)
                .select(db.select(
                                DSL.val(ReceiptKind.SELL.name()),
                                PAYMENT.ID,
                                PAYMENT.PAYMENT_KEY,
                                PAYMENT.ACCOUNT_ID,
                                PAYMENT.AMOUNT,
                                PAYMENT.CURRENCY,
                                PAYMENT.METHOD.eq(CASH),
                                PAYMENT.CUSTOMER_EMAIL,
                                PAYMENT.CUSTOMER_PHONE,
                                DSL.val(ReceiptStatus.QUEUED.name()),
                                DSL.val(registrar),
                                DSL.val(at),
                                DSL.val(at),
                                DSL.val(at))
                        .from(PAYMENT)
                        .where(PAYMENT.TEST_MODE.isFalse())
                        .andNotExists(db.selectOne()
                                .from(RECEIPT)
                                .where(RECEIPT.PAYMENT_ID.eq(PAYMENT.ID))
                                .and(RECEIPT.KIND.eq(ReceiptKind.SELL.name()))))
                .onConflictDoNothing()
                .execute();
    }

    /** A sell_refund receipt for every refund of a real payment that has none. */
    int enqueueRefunds(String registrar, Instant now) {
        OffsetDateTime at = utc(now);
        return db.insertInto(
                        RECEIPT,
                        RECEIPT.KIND,
                        RECEIPT.PAYMENT_ID,
                        RECEIPT.REFUND_ID,
                        RECEIPT.EXTERNAL_ID,
                        RECEIPT.ACCOUNT_ID,
                        RECEIPT.AMOUNT,
                        RECEIPT.CURRENCY,
                        RECEIPT.CASH,
                        RECEIPT.CLIENT_EMAIL,
                        RECEIPT.CLIENT_PHONE,
                        RECEIPT.STATUS,
                        RECEIPT.REGISTRAR,
                        RECEIPT.NEXT_ATTEMPT_AT,
                        RECEIPT.CREATED_AT,
                        RECEIPT.UPDATED_AT)
                .select(db.select(
                                DSL.val(ReceiptKind.SELL_REFUND.name()),
                                PAYMENT.ID,
                                PAYMENT_REFUND.ID,
                                PAYMENT_REFUND.REFUND_KEY,
                                PAYMENT.ACCOUNT_ID,
                                PAYMENT_REFUND.AMOUNT,
                                PAYMENT_REFUND.CURRENCY,
                                PAYMENT.METHOD.eq(CASH),
                                PAYMENT.CUSTOMER_EMAIL,
                                PAYMENT.CUSTOMER_PHONE,
                                DSL.val(ReceiptStatus.QUEUED.name()),
                                DSL.val(registrar),
                                DSL.val(at),
                                DSL.val(at),
                                DSL.val(at))
                        .from(PAYMENT_REFUND)
                        .join(PAYMENT)
                        .on(PAYMENT.ID.eq(PAYMENT_REFUND.PAYMENT_ID))
                        .where(PAYMENT.TEST_MODE.isFalse())
                        .andNotExists(db.selectOne().from(RECEIPT).where(RECEIPT.REFUND_ID.eq(PAYMENT_REFUND.ID))))
                .onConflictDoNothing()
                .execute();
    }

    /**
     * Claims up to {@code limit} receipts that are due (queued or sent): their next attempt moves
     * {@code lease} ahead, so that a parallel run skips them.
     */
    List<Receipt> claimDue(Instant now, java.time.Duration lease, int limit) {
        var due = db.select(RECEIPT.ID)
                .from(RECEIPT)
                .where(RECEIPT.STATUS.in(ReceiptStatus.QUEUED.name(), ReceiptStatus.SENT.name()))
                .and(RECEIPT.NEXT_ATTEMPT_AT.le(utc(now)))
                .orderBy(RECEIPT.NEXT_ATTEMPT_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked();
        return db.update(RECEIPT)
                .set(RECEIPT.NEXT_ATTEMPT_AT, utc(now.plus(lease)))
                .where(RECEIPT.ID.in(due))
                .returning()
                .fetch(ReceiptRepository::toReceipt);
    }

    /** Moves a receipt from {@code from} (checked) with the given changes; false when it moved meanwhile. */
    boolean move(long id, ReceiptStatus from, ReceiptStatus to, Change change, Instant now) {
        var update = db.update(RECEIPT)
                .set(RECEIPT.STATUS, to.name())
                .set(RECEIPT.UPDATED_AT, utc(now))
                .set(RECEIPT.NEXT_ATTEMPT_AT, utc(change.nextAttemptAt() == null ? now : change.nextAttemptAt()))
                .set(RECEIPT.ERROR_CODE, change.errorCode())
                .set(RECEIPT.ERROR_TEXT, change.errorText());
        if (change.countAttempt()) {
            update = update.set(RECEIPT.ATTEMPTS, RECEIPT.ATTEMPTS.plus(1));
        }
        if (change.registrarUuid() != null) {
            update = update.set(RECEIPT.REGISTRAR_UUID, change.registrarUuid());
        }
        if (change.clearUuid()) {
            update = update.setNull(RECEIPT.REGISTRAR_UUID);
        }
        FiscalAttributes f = change.fiscal();
        if (f != null) {
            update = update.set(RECEIPT.FN_NUMBER, f.fnNumber())
                    .set(RECEIPT.FISCAL_RECEIPT_NUMBER, f.fiscalReceiptNumber())
                    .set(RECEIPT.FISCAL_DOCUMENT_NUMBER, f.fiscalDocumentNumber())
                    .set(RECEIPT.FISCAL_DOCUMENT_ATTRIBUTE, f.fiscalDocumentAttribute())
                    .set(RECEIPT.RECEIPT_DATETIME, f.receiptDatetime() == null ? null : utc(f.receiptDatetime()))
                    .set(RECEIPT.ECR_REGISTRATION_NUMBER, f.ecrRegistrationNumber())
                    .set(RECEIPT.SHIFT_NUMBER, f.shiftNumber())
                    .set(RECEIPT.FISCAL_TOTAL, f.total())
                    .set(RECEIPT.OFD_SITE, f.ofdSite());
        }
        return update.where(RECEIPT.ID.eq(id))
                        .and(RECEIPT.STATUS.eq(from.name()))
                        .execute()
                == 1;
    }

    /** What a move changes beside the status; null fields are cleared (errors) or kept (uuid). */
    record Change(
            Instant nextAttemptAt,
            String errorCode,
            String errorText,
            boolean countAttempt,
            String registrarUuid,
            boolean clearUuid,
            FiscalAttributes fiscal) {

        static Change none(Instant next) {
            return new Change(next, null, null, false, null, false, null);
        }
    }

    Optional<Receipt> get(long id) {
        return db.selectFrom(RECEIPT).where(RECEIPT.ID.eq(id)).fetchOptional(ReceiptRepository::toReceipt);
    }

    /** Receipts newest first, filtered by whatever is given. */
    List<Receipt> find(ReceiptFilter filter) {
        List<Condition> where = new ArrayList<>();
        if (filter.accountId() != null) {
            where.add(RECEIPT.ACCOUNT_ID.eq(filter.accountId()));
        }
        if (filter.status() != null) {
            where.add(RECEIPT.STATUS.eq(filter.status().name()));
        }
        if (filter.kind() != null) {
            where.add(RECEIPT.KIND.eq(filter.kind().name()));
        }
        if (filter.paymentId() != null) {
            where.add(RECEIPT.PAYMENT_ID.eq(filter.paymentId()));
        }
        if (filter.from() != null) {
            where.add(RECEIPT.CREATED_AT.ge(utc(filter.from())));
        }
        if (filter.to() != null) {
            where.add(RECEIPT.CREATED_AT.lt(utc(filter.to())));
        }
        return db.selectFrom(RECEIPT)
                .where(where)
                .orderBy(RECEIPT.CREATED_AT.desc(), RECEIPT.ID.desc())
                .limit(filter.limit())
                .fetch(ReceiptRepository::toReceipt);
    }

    private static Receipt toReceipt(ReceiptRecord r) {
        FiscalAttributes fiscal = r.getFnNumber() == null && r.getFiscalDocumentNumber() == null
                ? null
                : new FiscalAttributes(
                        r.getFnNumber(),
                        r.getFiscalReceiptNumber(),
                        r.getFiscalDocumentNumber(),
                        r.getFiscalDocumentAttribute(),
                        r.getReceiptDatetime() == null
                                ? null
                                : r.getReceiptDatetime().toInstant(),
                        r.getEcrRegistrationNumber(),
                        r.getShiftNumber(),
                        r.getFiscalTotal(),
                        r.getOfdSite());
        return new Receipt(
                r.getId(),
                ReceiptKind.valueOf(r.getKind()),
                r.getPaymentId(),
                r.getRefundId(),
                r.getExternalId(),
                r.getAccountId(),
                r.getAmount(),
                r.getCurrency(),
                r.getCash(),
                r.getClientEmail(),
                r.getClientPhone(),
                ReceiptStatus.valueOf(r.getStatus()),
                r.getRegistrar(),
                r.getRegistrarUuid(),
                r.getAttempts(),
                r.getNextAttemptAt().toInstant(),
                r.getErrorCode(),
                r.getErrorText(),
                fiscal,
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
