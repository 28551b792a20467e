package io.lastmile.fiscal.invoice;

import static io.lastmile.fiscal.db.Tables.INVOICE;

import io.lastmile.fiscal.book.InvoiceRepository;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Reads invoices for the API (the book's {@link InvoiceRepository} writes them). */
@Repository
class InvoiceQueryRepository {

    private final DSLContext db;

    InvoiceQueryRepository(DSLContext db) {
        this.db = db;
    }

    List<InvoiceView> find(InvoiceFilter f) {
        List<Condition> where = new ArrayList<>();
        if (f.accountId() != null) {
            where.add(INVOICE.ACCOUNT_ID.eq(f.accountId()));
        }
        if (f.provider() != null) {
            where.add(INVOICE.PROVIDER.eq(f.provider()));
        }
        if (f.status() != null) {
            where.add(INVOICE.STATUS.eq(f.status().name()));
        }
        if (f.from() != null) {
            where.add(INVOICE.CREATED_AT.ge(f.from().atOffset(ZoneOffset.UTC)));
        }
        if (f.to() != null) {
            where.add(INVOICE.CREATED_AT.lt(f.to().atOffset(ZoneOffset.UTC)));
        }
        if (f.before() != null) {
            where.add(INVOICE.ID.lt(f.before()));
        }
        return db.selectFrom(INVOICE)
                .where(where)
                .orderBy(INVOICE.ID.desc())
                .limit(f.limit())
                .fetch(InvoiceQueryRepository::view);
    }

    Optional<InvoiceView> get(long id) {
        return db.selectFrom(INVOICE).where(INVOICE.ID.eq(id)).fetchOptional(InvoiceQueryRepository::view);
    }

    private static InvoiceView view(Record r) {
        InvoiceRepository.Row row = InvoiceRepository.row(r);
        return InvoiceView.of(row.invoice(), row.paymentId(), r.get(INVOICE.PROVIDER_PAYMENT_ID));
    }
}
