package io.lastmile.fiscal.provider.testing;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.Invoices;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stand-ins for the core's settings, invoices and payment book: the book records each call, books
 * a provider id once (DUPLICATE after) and answers what a test tells it to.
 */
public final class FakeSpi implements ProviderSettings, Invoices, PaymentBook {

    public final List<IncomingPayment> received = new ArrayList<>();
    public final List<IncomingRefund> refunds = new ArrayList<>();
    private final Map<String, ProviderConfig> configs = new HashMap<>();
    private final Map<Long, Invoice> invoices = new HashMap<>();
    private final Map<String, IncomingPayment> booked = new HashMap<>();
    private BookingResult.Outcome next;

    public FakeSpi config(ProviderConfig config) {
        configs.put(config.provider(), config);
        return this;
    }

    public Invoice invoice(long id, String amount, String currency) {
        Invoice invoice = new Invoice(
                id,
                100 + id,
                "C-" + id,
                "any",
                new BigDecimal(amount),
                currency,
                Invoice.InvoiceStatus.OPEN,
                "Internet, contract C-" + id,
                "payer@example.org",
                null,
                Instant.parse("2026-12-07T08:00:00Z"),
                Instant.parse("2026-12-08T08:00:00Z"));
        invoices.put(id, invoice);
        return invoice;
    }

    /** The book's answer to the next receive or refund (e.g. RETRY_LATER). */
    public void answerNext(BookingResult.Outcome outcome) {
        next = outcome;
    }

    /** Payments the book holds now (each provider id once). */
    public List<IncomingPayment> booked() {
        return List.copyOf(booked.values());
    }

    @Override
    public ProviderConfig of(String provider) {
        return configs.getOrDefault(provider, ProviderConfig.disabled(provider));
    }

    @Override
    public Optional<Invoice> get(long id) {
        return Optional.ofNullable(invoices.get(id));
    }

    @Override
    public BookingResult check(IncomingPayment payment) {
        return new BookingResult(BookingResult.Outcome.BOOKED, null, null);
    }

    @Override
    public synchronized BookingResult receive(IncomingPayment payment) {
        received.add(payment);
        if (next != null) {
            BookingResult.Outcome outcome = next;
            next = null;
            return new BookingResult(outcome, null, "told so");
        }
        String key = payment.provider() + ":" + payment.providerPaymentId();
        if (booked.putIfAbsent(key, payment) != null) {
            return new BookingResult(BookingResult.Outcome.DUPLICATE, 1L, null);
        }
        return new BookingResult(BookingResult.Outcome.BOOKED, (long) booked.size(), null);
    }

    @Override
    public synchronized BookingResult refund(IncomingRefund refund) {
        refunds.add(refund);
        if (next != null) {
            BookingResult.Outcome outcome = next;
            next = null;
            return new BookingResult(outcome, null, "told so");
        }
        return new BookingResult(BookingResult.Outcome.BOOKED, 1L, null);
    }
}
