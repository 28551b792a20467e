package io.lastmile.billing.subscription;

import static io.lastmile.billing.db.Tables.PROMISED_PAYMENT;
import static io.lastmile.billing.subscription.UserServiceRepository.instant;
import static io.lastmile.billing.subscription.UserServiceRepository.utc;

import io.lastmile.billing.api.PromisedPaymentView;
import io.lastmile.billing.db.tables.records.PromisedPaymentRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class PromisedPaymentRepository {

    private final DSLContext db;

    PromisedPaymentRepository(DSLContext db) {
        this.db = db;
    }

    PromisedPaymentView insert(long accountId, BigDecimal amount, long entryId, Instant takenAt, Instant dueAt) {
        return view(db.insertInto(PROMISED_PAYMENT)
                .set(PROMISED_PAYMENT.ACCOUNT_ID, accountId)
                .set(PROMISED_PAYMENT.AMOUNT, amount)
                .set(PROMISED_PAYMENT.ENTRY_ID, entryId)
                .set(PROMISED_PAYMENT.TAKEN_AT, utc(takenAt))
                .set(PROMISED_PAYMENT.DUE_AT, utc(dueAt))
                .returning()
                .fetchSingle());
    }

    List<PromisedPaymentView> ofAccount(long accountId) {
        return db.selectFrom(PROMISED_PAYMENT)
                .where(PROMISED_PAYMENT.ACCOUNT_ID.eq(accountId))
                .orderBy(PROMISED_PAYMENT.ID.desc())
                .fetch(PromisedPaymentRepository::view);
    }

    List<PromisedPaymentView> due(long accountId, Instant now) {
        return db.selectFrom(PROMISED_PAYMENT)
                .where(PROMISED_PAYMENT.ACCOUNT_ID.eq(accountId))
                .and(PROMISED_PAYMENT.RETURNED_ENTRY_ID.isNull())
                .and(PROMISED_PAYMENT.DUE_AT.le(utc(now)))
                .orderBy(PROMISED_PAYMENT.ID)
                .fetch(PromisedPaymentRepository::view);
    }

    List<Long> dueAccounts(Instant now, long afterAccountId, int limit) {
        return db.selectDistinct(PROMISED_PAYMENT.ACCOUNT_ID)
                .from(PROMISED_PAYMENT)
                .where(PROMISED_PAYMENT.RETURNED_ENTRY_ID.isNull())
                .and(PROMISED_PAYMENT.DUE_AT.le(utc(now)))
                .and(PROMISED_PAYMENT.ACCOUNT_ID.gt(afterAccountId))
                .orderBy(PROMISED_PAYMENT.ACCOUNT_ID)
                .limit(limit)
                .fetch(r -> r.value1());
    }

    void returned(long id, long entryId) {
        db.update(PROMISED_PAYMENT)
                .set(PROMISED_PAYMENT.RETURNED_ENTRY_ID, entryId)
                .where(PROMISED_PAYMENT.ID.eq(id))
                .execute();
    }

    private static PromisedPaymentView view(PromisedPaymentRecord r) {
        return new PromisedPaymentView(
                r.getId(),
                r.getAccountId(),
                r.getAmount(),
                instant(r.getTakenAt()),
                instant(r.getDueAt()),
                r.getEntryId(),
                r.getReturnedEntryId());
    }
}
