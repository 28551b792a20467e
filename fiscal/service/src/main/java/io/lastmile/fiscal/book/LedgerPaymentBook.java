package io.lastmile.fiscal.book;

import io.lastmile.fiscal.payment.AccountDirectory;
import io.lastmile.fiscal.payment.AccountLookup;
import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.BookingResult.Outcome;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.Invoice.InvoiceStatus;
import io.lastmile.fiscal.payment.PayerAccount;
import io.lastmile.fiscal.payment.PaymentBook;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment book: each call is one transaction; the payment, the invoice it pays and its outbox
 * entry to billing are written together. Concurrent deliveries of one notification meet on the
 * unique (provider, provider_payment_id): one inserts, the others compare with what it booked.
 */
@Service
class LedgerPaymentBook implements PaymentBook {

    /** The cash desk's provider name: its payments are cash, all others electronic. */
    static final String CASHDESK = "cashdesk";

    /** A check before the money is taken: only an open invoice may still be paid. */
    private static final Set<InvoiceStatus> PAYABLE_BEFORE = EnumSet.of(InvoiceStatus.OPEN);

    /**
     * A payment the provider took: booked for an invoice that expired or was cancelled meanwhile
     * (the money was taken; refusing it would lose it), never for one another payment paid.
     */
    private static final Set<InvoiceStatus> PAYABLE_LATE =
            EnumSet.of(InvoiceStatus.OPEN, InvoiceStatus.EXPIRED, InvoiceStatus.CANCELLED);

    private final PaymentRepository payments;
    private final InvoiceRepository invoices;
    private final AccountDirectory accounts;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LedgerPaymentBook(
            PaymentRepository payments,
            InvoiceRepository invoices,
            AccountDirectory accounts,
            TransactionTemplate tx,
            ApplicationEventPublisher events,
            Clock clock) {
        this.payments = payments;
        this.invoices = invoices;
        this.accounts = accounts;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public BookingResult check(IncomingPayment payment) {
        Optional<PaymentRepository.Booked> booked = payments.find(payment.provider(), payment.providerPaymentId());
        if (booked.isPresent()) {
            return compare(booked.get(), payment, resolveQuietly(payment));
        }
        Resolved resolved = resolve(payment);
        if (resolved.refusal != null) {
            return resolved.refusal;
        }
        if (payment.invoiceId() != null) {
            Optional<InvoiceRepository.Row> row = invoices.find(payment.invoiceId());
            BookingResult refusal = invoiceRefusal(row, payment, resolved.account, PAYABLE_BEFORE);
            if (refusal != null) {
                return refusal;
            }
        }
        return new BookingResult(Outcome.BOOKED, null, "the payment can be accepted");
    }

    @Override
    public BookingResult receive(IncomingPayment payment) {
        // a new payment goes straight to its insert; a repeat meets the one booked on its unique key
        Resolved resolved = resolve(payment);
        if (resolved.refusal != null) {
            // booked before, while its account could still be told: the repeat is answered as before
            return payments.find(payment.provider(), payment.providerPaymentId())
                    .map(booked -> compare(booked, payment, resolved.account))
                    .orElse(resolved.refusal);
        }
        PayerAccount account = resolved.account;
        BookingResult result;
        try {
            result = tx.execute(status -> book(payment, account));
        } catch (Refused refused) {
            return refused.result;
        }
        if (result.outcome() == Outcome.BOOKED) {
            events.publishEvent(new OutboxQueued(result.paymentId()));
        }
        return result;
    }

    private BookingResult book(IncomingPayment payment, PayerAccount account) {
        String method = CASHDESK.equals(payment.provider()) ? "CASH" : "ELECTRONIC";
        Optional<Long> id = payments.insert(payment, account.id(), account.contract(), method, clock.instant());
        if (id.isEmpty()) {
            // another delivery of the same notification booked it first (and has committed)
            return compare(
                    payments.find(payment.provider(), payment.providerPaymentId())
                            .orElseThrow(),
                    payment,
                    account);
        }
        if (payment.invoiceId() != null) {
            BookingResult refusal = invoiceRefusal(invoices.lock(payment.invoiceId()), payment, account, PAYABLE_LATE);
            if (refusal != null) {
                throw new Refused(refusal); // rolls the payment back
            }
            invoices.markPaid(payment.invoiceId(), id.get());
        }
        payments.enqueue(id.get(), null, clock.instant());
        return new BookingResult(Outcome.BOOKED, id.get(), "booked");
    }

    @Override
    public BookingResult refund(IncomingRefund refund) {
        Optional<PaymentRepository.Booked> paid = payments.find(refund.provider(), refund.providerPaymentId());
        if (paid.isEmpty()) {
            return new BookingResult(
                    Outcome.MISMATCH, null, "no payment " + refund.providerPaymentId() + " of " + refund.provider());
        }
        String problem = Amounts.problem(refund.amount(), refund.currency());
        if (problem != null) {
            return new BookingResult(Outcome.MISMATCH, paid.get().id(), problem);
        }
        String key = refund.provider() + ":refund:" + refund.providerRefundId();
        BookingResult result;
        try {
            result = tx.execute(status -> bookRefund(refund, key, paid.get().id()));
        } catch (Refused refused) {
            return refused.result;
        }
        if (result.outcome() == Outcome.BOOKED) {
            events.publishEvent(new OutboxQueued(paid.get().id()));
        }
        return result;
    }

    private BookingResult bookRefund(IncomingRefund refund, String key, long paymentId) {
        // the payment's row lock serialises refunds of one payment, so their sum stays within it
        PaymentRepository.Booked payment = payments.lock(paymentId).orElseThrow();
        Optional<PaymentRepository.BookedRefund> before = payments.findRefund(key);
        if (before.isPresent()) {
            PaymentRepository.BookedRefund b = before.get();
            boolean same = b.paymentId() == paymentId
                    && b.amount().compareTo(refund.amount()) == 0
                    && b.currency().equals(refund.currency());
            return new BookingResult(
                    same ? Outcome.DUPLICATE : Outcome.CONFLICT,
                    paymentId,
                    same
                            ? "refund booked before"
                            : "refund " + refund.providerRefundId() + " was booked with other values");
        }
        if (!payment.currency().equals(refund.currency())) {
            return new BookingResult(
                    Outcome.MISMATCH,
                    paymentId,
                    "the payment was in " + payment.currency() + ", not " + refund.currency());
        }
        if (payments.refunded(paymentId).add(refund.amount()).compareTo(payment.amount()) > 0) {
            return new BookingResult(
                    Outcome.MISMATCH,
                    paymentId,
                    "refunds would exceed the payment's "
                            + payment.amount().stripTrailingZeros().toPlainString());
        }
        Long refundId =
                payments.insertRefund(paymentId, refund, key, clock.instant()).orElseThrow();
        payments.enqueue(paymentId, refundId, clock.instant());
        return new BookingResult(Outcome.BOOKED, paymentId, "refund booked");
    }

    private BookingResult compare(PaymentRepository.Booked booked, IncomingPayment p, PayerAccount account) {
        boolean same = (account == null || account.id() == booked.accountId())
                && booked.amount().compareTo(p.amount() == null ? java.math.BigDecimal.ZERO : p.amount()) == 0
                && booked.currency().equals(p.currency())
                && (p.invoiceId() == null || p.invoiceId().equals(booked.invoiceId()));
        return same
                ? new BookingResult(Outcome.DUPLICATE, booked.id(), "booked before")
                : new BookingResult(
                        Outcome.CONFLICT,
                        booked.id(),
                        "payment " + p.providerPaymentId()
                                + " was booked before with another account, amount or currency");
    }

    /** The account of a repeated notification, when it can be told without billing; else null. */
    private PayerAccount resolveQuietly(IncomingPayment p) {
        Resolved r = resolve(p);
        return r.account;
    }

    private record Resolved(PayerAccount account, BookingResult refusal) {}

    private Resolved resolve(IncomingPayment p) {
        String problem = Amounts.problem(p.amount(), p.currency());
        if (problem != null) {
            return new Resolved(null, new BookingResult(Outcome.MISMATCH, null, problem));
        }
        PayerAccount account;
        if (p.invoiceId() != null) {
            Optional<InvoiceRepository.Row> row = invoices.find(p.invoiceId());
            if (row.isEmpty()) {
                return new Resolved(null, new BookingResult(Outcome.MISMATCH, null, "no invoice " + p.invoiceId()));
            }
            Invoice invoice = row.get().invoice();
            if (p.contract() != null
                    && !p.contract().isBlank()
                    && !p.contract().strip().equals(invoice.contract())) {
                return new Resolved(
                        null,
                        new BookingResult(
                                Outcome.MISMATCH,
                                null,
                                "invoice " + invoice.id() + " is not for contract " + p.contract()));
            }
            account = new PayerAccount(invoice.accountId(), invoice.contract(), invoice.currency(), null, null);
        } else {
            AccountLookup lookup = accounts.byContract(p.contract());
            switch (lookup) {
                case AccountLookup.Found found -> account = found.account();
                case AccountLookup.Unknown unknown -> {
                    return new Resolved(
                            null,
                            new BookingResult(
                                    Outcome.UNKNOWN_ACCOUNT, null, "no account with contract " + p.contract()));
                }
                case AccountLookup.Unavailable down -> {
                    return new Resolved(null, new BookingResult(Outcome.RETRY_LATER, null, down.reason()));
                }
            }
        }
        if (!account.currency().equals(p.currency())) {
            return new Resolved(
                    account,
                    new BookingResult(
                            Outcome.MISMATCH,
                            null,
                            "the account is in " + account.currency() + ", not " + p.currency()));
        }
        return new Resolved(account, null);
    }

    private static BookingResult invoiceRefusal(
            Optional<InvoiceRepository.Row> row, IncomingPayment p, PayerAccount account, Set<InvoiceStatus> payable) {
        if (row.isEmpty()) {
            return new BookingResult(Outcome.MISMATCH, null, "no invoice " + p.invoiceId());
        }
        Invoice invoice = row.get().invoice();
        if (!payable.contains(invoice.status())) {
            return new BookingResult(
                    Outcome.MISMATCH,
                    null,
                    "invoice " + invoice.id() + " is " + invoice.status().name().toLowerCase());
        }
        if (invoice.amount().compareTo(p.amount()) != 0 || !invoice.currency().equals(p.currency())) {
            return new BookingResult(
                    Outcome.MISMATCH,
                    null,
                    "invoice " + invoice.id() + " is for " + invoice.amount().toPlainString() + " " + invoice.currency()
                            + ", not " + p.amount().toPlainString() + " " + p.currency());
        }
        if (invoice.accountId() != account.id()) {
            return new BookingResult(Outcome.MISMATCH, null, "invoice " + invoice.id() + " is for another account");
        }
        return null;
    }

    /** A refusal found inside the transaction: thrown to roll it back. */
    private static final class Refused extends RuntimeException {
        final transient BookingResult result;

        Refused(BookingResult result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }
}
