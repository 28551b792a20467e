package io.lastmile.fiscal.provider.webhooktest;

import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.Invoices;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Invoices for tests. */
public final class Fixtures {

    private Fixtures() {}

    public static Invoice invoice(long id, String contract, String provider, String amount, String currency) {
        return new Invoice(
                id,
                100 + id,
                contract,
                provider,
                new BigDecimal(amount),
                currency,
                Invoice.InvoiceStatus.OPEN,
                "Internet, contract " + contract,
                "payer@example.com",
                null,
                Instant.parse("2026-12-07T07:00:00Z"),
                Instant.parse("2026-12-08T07:00:00Z"));
    }

    /** The book's invoices as {@link Invoices}. */
    public static Invoices invoicesOf(FakeBook book) {
        return id -> Optional.ofNullable(book.invoices.get(id));
    }
}
