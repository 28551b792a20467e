package io.lastmile.fiscal.provider.webhooktest;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.BookingResult.Outcome;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.PaymentBook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A payment book as the SPI describes it, in memory: known contracts, invoices checked, one
 * booking per (provider, id), a duplicate answered as such; {@code unavailable} makes it answer
 * RETRY_LATER. Records every call, so tests assert on what was booked.
 */
public final class FakeBook implements PaymentBook {

    public final Set<String> contracts = ConcurrentHashMap.newKeySet();
    public final Map<Long, Invoice> invoices = new ConcurrentHashMap<>();
    public final Map<String, IncomingPayment> booked = new LinkedHashMap<>();
    private final Map<String, Long> ids = new LinkedHashMap<>();
    public final Map<String, IncomingRefund> refunds = new LinkedHashMap<>();
    public final List<IncomingPayment> checks = new ArrayList<>();
    public volatile boolean unavailable;

    @Override
    public synchronized BookingResult check(IncomingPayment payment) {
        checks.add(payment);
        return verify(payment);
    }

    @Override
    public synchronized BookingResult receive(IncomingPayment payment) {
        String key = payment.provider() + ":" + payment.providerPaymentId();
        IncomingPayment before = booked.get(key);
        if (before != null) {
            boolean same = before.contract().equals(payment.contract())
                    && before.amount().compareTo(payment.amount()) == 0
                    && before.currency().equals(payment.currency());
            return new BookingResult(same ? Outcome.DUPLICATE : Outcome.CONFLICT, ids.get(key), null);
        }
        BookingResult verified = verify(payment);
        if (verified.outcome() != Outcome.BOOKED) {
            return verified;
        }
        booked.put(key, payment);
        ids.put(key, (long) booked.size());
        return new BookingResult(Outcome.BOOKED, (long) booked.size(), null);
    }

    @Override
    public synchronized BookingResult refund(IncomingRefund refund) {
        if (unavailable) {
            return new BookingResult(Outcome.RETRY_LATER, null, "billing is down");
        }
        IncomingPayment payment = booked.get(refund.provider() + ":" + refund.providerPaymentId());
        if (payment == null || payment.amount().compareTo(refund.amount()) < 0) {
            return new BookingResult(Outcome.MISMATCH, null, "no such payment");
        }
        String key = refund.provider() + ":refund:" + refund.providerRefundId();
        if (refunds.putIfAbsent(key, refund) != null) {
            return new BookingResult(Outcome.DUPLICATE, 1L, null);
        }
        return new BookingResult(Outcome.BOOKED, (long) refunds.size(), null);
    }

    private BookingResult verify(IncomingPayment payment) {
        if (unavailable) {
            return new BookingResult(Outcome.RETRY_LATER, null, "billing is down");
        }
        if (payment.invoiceId() != null) {
            Invoice invoice = invoices.get(payment.invoiceId());
            if (invoice == null
                    || invoice.status() != Invoice.InvoiceStatus.OPEN
                    || invoice.amount().compareTo(payment.amount()) != 0
                    || !invoice.currency().equals(payment.currency())) {
                return new BookingResult(Outcome.MISMATCH, null, "invoice does not match");
            }
        }
        if (payment.contract() == null || !contracts.contains(payment.contract())) {
            return new BookingResult(Outcome.UNKNOWN_ACCOUNT, null, "no account " + payment.contract());
        }
        return new BookingResult(Outcome.BOOKED, null, null);
    }
}
