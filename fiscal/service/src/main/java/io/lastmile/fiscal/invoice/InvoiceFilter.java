package io.lastmile.fiscal.invoice;

import io.lastmile.fiscal.payment.Invoice.InvoiceStatus;
import java.time.Instant;

/** Which invoices a list shows, newest first; null fields do not filter; from/to on created_at. */
record InvoiceFilter(
        Long accountId, String provider, InvoiceStatus status, Instant from, Instant to, Long before, int limit) {}
