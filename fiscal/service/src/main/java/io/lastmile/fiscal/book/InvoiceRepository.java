package io.lastmile.fiscal.book;

import static io.lastmile.fiscal.db.Tables.INVOICE;

import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.Invoice.InvoiceStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** The invoice rows; public for the invoices API ({@code io.lastmile.fiscal.invoice}). */
@Repository
public class InvoiceRepository {

    private final DSLContext db;

    InvoiceRepository(DSLContext db) {
        this.db = db;
    }

    /** An invoice and the payment that paid it, if one did. */
    public record Row(Invoice invoice, Long paymentId) {}

    public Optional<Row> find(long id) {
        return db.selectFrom(INVOICE).where(INVOICE.ID.eq(id)).fetchOptional(InvoiceRepository::row);
    }

    Optional<Row> lock(long id) {
        return db.selectFrom(INVOICE).where(INVOICE.ID.eq(id)).forUpdate().fetchOptional(InvoiceRepository::row);
    }

    public long create(
            long accountId,
            String contract,
            String provider,
            BigDecimal amount,
            String currency,
            String description,
            String email,
            String phone,
            Instant now,
            Instant expiresAt) {
        return db.insertInto(INVOICE)
                .set(INVOICE.ACCOUNT_ID, accountId)
                .set(INVOICE.CONTRACT, contract)
                .set(INVOICE.PROVIDER, provider)
                .set(INVOICE.AMOUNT, amount)
                .set(INVOICE.CURRENCY, currency)
                .set(INVOICE.STATUS, InvoiceStatus.OPEN.name())
                .set(INVOICE.DESCRIPTION, description)
                .set(INVOICE.CUSTOMER_EMAIL, email)
                .set(INVOICE.CUSTOMER_PHONE, phone)
                .set(INVOICE.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(INVOICE.EXPIRES_AT, expiresAt.atOffset(ZoneOffset.UTC))
                .returning(INVOICE.ID)
                .fetchSingle(INVOICE.ID);
    }

    void markPaid(long id, long paymentId) {
        db.update(INVOICE)
                .set(INVOICE.STATUS, InvoiceStatus.PAID.name())
                .set(INVOICE.PAYMENT_ID, paymentId)
                .where(INVOICE.ID.eq(id))
                .execute();
    }

    public void setProviderPaymentId(long id, String providerPaymentId) {
        db.update(INVOICE)
                .set(INVOICE.PROVIDER_PAYMENT_ID, providerPaymentId)
                .where(INVOICE.ID.eq(id))
                .execute();
    }

    /** Marks the open invoices past their time EXPIRED; answers how many. */
    public int expire(Instant now) {
        return db.update(INVOICE)
                .set(INVOICE.STATUS, InvoiceStatus.EXPIRED.name())
                .where(INVOICE.STATUS.eq(InvoiceStatus.OPEN.name()))
                .and(INVOICE.EXPIRES_AT.lt(now.atOffset(ZoneOffset.UTC)))
                .execute();
    }

    /** Marks the invoice CANCELLED if it is still OPEN; answers whether it was. */
    public boolean cancel(long id) {
        return db.update(INVOICE)
                        .set(INVOICE.STATUS, InvoiceStatus.CANCELLED.name())
                        .where(INVOICE.ID.eq(id))
                        .and(INVOICE.STATUS.eq(InvoiceStatus.OPEN.name()))
                        .execute()
                == 1;
    }

    /** The invoice of a database row (for the invoices API's own queries of the table). */
    public static Row row(Record r) {
        return new Row(
                new Invoice(
                        r.get(INVOICE.ID),
                        r.get(INVOICE.ACCOUNT_ID),
                        r.get(INVOICE.CONTRACT),
                        r.get(INVOICE.PROVIDER),
                        r.get(INVOICE.AMOUNT).stripTrailingZeros(),
                        r.get(INVOICE.CURRENCY),
                        InvoiceStatus.valueOf(r.get(INVOICE.STATUS)),
                        r.get(INVOICE.DESCRIPTION),
                        r.get(INVOICE.CUSTOMER_EMAIL),
                        r.get(INVOICE.CUSTOMER_PHONE),
                        r.get(INVOICE.CREATED_AT).toInstant(),
                        r.get(INVOICE.EXPIRES_AT).toInstant()),
                r.get(INVOICE.PAYMENT_ID));
    }
}
