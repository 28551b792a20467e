package io.lastmile.fiscal.payment;

/**
 * Where adapters book what providers confirmed (implemented by the core). Each call is one
 * transaction: the payment row, its outbox row to billing (the payment's key as billing's
 * idempotency key) and the invoice's status change commit together. Safe under parallel
 * delivery of the same notification: one payment, one ledger entry.
 */
public interface PaymentBook {

    /**
     * Checks a payment before the provider takes the money (OSMP check, CloudPayments Check):
     * the account exists and the invoice, if named, is open and for this amount. Books nothing.
     */
    BookingResult check(IncomingPayment payment);

    BookingResult receive(IncomingPayment payment);

    /** A refund of a payment booked before; becomes a refund entry in billing's ledger. */
    BookingResult refund(IncomingRefund refund);
}
