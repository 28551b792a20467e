package io.lastmile.fiscal.reconciliation;

import static io.lastmile.fiscal.db.Tables.PAYMENT;
import static io.lastmile.fiscal.db.Tables.RECONCILIATION;
import static io.lastmile.fiscal.db.Tables.RECONCILIATION_ITEM;

import io.lastmile.fiscal.db.tables.records.ReconciliationItemRecord;
import io.lastmile.fiscal.db.tables.records.ReconciliationRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reconciliations, their items, and fiscal's payments of a provider's day. */
@Repository
class ReconciliationRepository {

    private final DSLContext db;

    ReconciliationRepository(DSLContext db) {
        this.db = db;
    }

    record OurPayment(long id, String providerPaymentId, BigDecimal amount, String currency) {}

    List<OurPayment> ours(String provider, Instant from, Instant to) {
        return db.select(PAYMENT.ID, PAYMENT.PROVIDER_PAYMENT_ID, PAYMENT.AMOUNT, PAYMENT.CURRENCY)
                .from(PAYMENT)
                .where(PAYMENT.PROVIDER.eq(provider))
                .and(PAYMENT.PAID_AT.ge(utc(from)))
                .and(PAYMENT.PAID_AT.lt(utc(to)))
                .fetch(r -> new OurPayment(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    Optional<Long> paymentId(String provider, String providerPaymentId) {
        return db.select(PAYMENT.ID)
                .from(PAYMENT)
                .where(PAYMENT.PROVIDER.eq(provider))
                .and(PAYMENT.PROVIDER_PAYMENT_ID.eq(providerPaymentId))
                .fetchOptional(PAYMENT.ID);
    }

    boolean exists(LocalDate day, String provider) {
        return db.fetchExists(RECONCILIATION, RECONCILIATION.DAY.eq(day).and(RECONCILIATION.PROVIDER.eq(provider)));
    }

    /** Stores a day's result, replacing an earlier run of the same day and provider. */
    @Transactional
    long save(Reconciliation r) {
        db.deleteFrom(RECONCILIATION)
                .where(RECONCILIATION.DAY.eq(r.day()))
                .and(RECONCILIATION.PROVIDER.eq(r.provider()))
                .execute();
        long id = db.insertInto(RECONCILIATION)
                .set(RECONCILIATION.DAY, r.day())
                .set(RECONCILIATION.PROVIDER, r.provider())
                .set(RECONCILIATION.STATUS, r.status())
                .set(RECONCILIATION.PROVIDER_COUNT, r.providerCount())
                .set(RECONCILIATION.OUR_COUNT, r.ourCount())
                .set(RECONCILIATION.ERROR, r.error())
                .set(RECONCILIATION.RUN_AT, utc(r.runAt()))
                .returning(RECONCILIATION.ID)
                .fetchOne(RECONCILIATION.ID);
        for (Reconciliation.Item item : r.items()) {
            db.insertInto(RECONCILIATION_ITEM)
                    .set(RECONCILIATION_ITEM.RECONCILIATION_ID, id)
                    .set(RECONCILIATION_ITEM.KIND, item.kind().name())
                    .set(RECONCILIATION_ITEM.PROVIDER_PAYMENT_ID, item.providerPaymentId())
                    .set(RECONCILIATION_ITEM.PAYMENT_ID, item.paymentId())
                    .set(RECONCILIATION_ITEM.INVOICE_ID, item.invoiceId())
                    .set(RECONCILIATION_ITEM.CONTRACT, item.contract())
                    .set(RECONCILIATION_ITEM.PROVIDER_AMOUNT, item.providerAmount())
                    .set(RECONCILIATION_ITEM.OUR_AMOUNT, item.ourAmount())
                    .set(RECONCILIATION_ITEM.CURRENCY, item.currency())
                    .set(RECONCILIATION_ITEM.PAID_AT, item.paidAt() == null ? null : utc(item.paidAt()))
                    .execute();
        }
        return id;
    }

    List<Reconciliation> find(LocalDate from, LocalDate to, String provider, int limit) {
        List<Condition> where = new ArrayList<>();
        if (from != null) {
            where.add(RECONCILIATION.DAY.ge(from));
        }
        if (to != null) {
            where.add(RECONCILIATION.DAY.le(to));
        }
        if (provider != null) {
            where.add(RECONCILIATION.PROVIDER.eq(provider));
        }
        return db.selectFrom(RECONCILIATION)
                .where(where)
                .orderBy(RECONCILIATION.DAY.desc(), RECONCILIATION.PROVIDER)
                .limit(limit)
                .fetch(this::toReconciliation);
    }

    Optional<Reconciliation> get(long id) {
        return db.selectFrom(RECONCILIATION).where(RECONCILIATION.ID.eq(id)).fetchOptional(this::toReconciliation);
    }

    void imported(long itemId, long paymentId, Instant at) {
        db.update(RECONCILIATION_ITEM)
                .set(RECONCILIATION_ITEM.IMPORTED_PAYMENT_ID, paymentId)
                .set(RECONCILIATION_ITEM.IMPORTED_AT, utc(at))
                .where(RECONCILIATION_ITEM.ID.eq(itemId))
                .execute();
    }

    private Reconciliation toReconciliation(ReconciliationRecord r) {
        List<Reconciliation.Item> items = db.selectFrom(RECONCILIATION_ITEM)
                .where(RECONCILIATION_ITEM.RECONCILIATION_ID.eq(r.getId()))
                .orderBy(RECONCILIATION_ITEM.ID)
                .fetch(ReconciliationRepository::toItem);
        return new Reconciliation(
                r.getId(),
                r.getDay(),
                r.getProvider(),
                r.getStatus(),
                r.getProviderCount(),
                r.getOurCount(),
                r.getError(),
                r.getRunAt().toInstant(),
                items);
    }

    private static Reconciliation.Item toItem(ReconciliationItemRecord i) {
        return new Reconciliation.Item(
                i.getId(),
                Reconciliation.Kind.valueOf(i.getKind()),
                i.getProviderPaymentId(),
                i.getPaymentId(),
                i.getInvoiceId(),
                i.getContract(),
                i.getProviderAmount(),
                i.getOurAmount(),
                i.getCurrency(),
                i.getPaidAt() == null ? null : i.getPaidAt().toInstant(),
                i.getImportedPaymentId(),
                i.getImportedAt() == null ? null : i.getImportedAt().toInstant());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
