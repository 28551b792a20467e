package io.lastmile.fiscal.payment;

/**
 * What {@link PaymentBook} did with a notification; the adapter maps it to the provider's answer.
 *
 * @param paymentId fiscal's id of the payment (or refund), when one exists
 * @param message why it was refused, for the provider's answer and the log
 */
public record BookingResult(Outcome outcome, Long paymentId, String message) {

    public enum Outcome {
        /** Booked now; it reaches billing's ledger through the outbox. */
        BOOKED,
        /** Booked before with the same account, amount and currency: answer success again. */
        DUPLICATE,
        /** The same provider id was booked with another account, amount or currency. */
        CONFLICT,
        /** The invoice or payment it names is unknown, paid, expired, or the amount or currency differs. */
        MISMATCH,
        /** No account has this contract number. */
        UNKNOWN_ACCOUNT,
        /** The account could not be checked now (billing down, not cached): the provider should retry. */
        RETRY_LATER
    }

    public boolean accepted() {
        return outcome == Outcome.BOOKED || outcome == Outcome.DUPLICATE;
    }
}
