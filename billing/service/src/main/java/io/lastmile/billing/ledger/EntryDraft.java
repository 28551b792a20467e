package io.lastmile.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An entry to book. `amount` is positive for every kind except CORRECTION, where its sign says
 * which way the balance moves; the kind gives the sign otherwise.
 *
 * @param idempotencyKey books once: the same key again returns the first entry
 * @param requestDigest what the request asked; the same key with another digest is refused
 * @param priceId the catalog price version a charge used
 */
public record EntryDraft(
        long accountId,
        EntryKind kind,
        BigDecimal amount,
        String currency,
        String idempotencyKey,
        String requestDigest,
        Long correctsEntryId,
        String paymentMethod,
        String externalId,
        Long userServiceId,
        Instant periodStart,
        Instant periodEnd,
        String reason,
        String actor,
        Long priceId) {

    /** The amount with the sign it has on the balance. */
    BigDecimal signedAmount() {
        return kind.sign() == 0 ? amount : amount.abs().multiply(BigDecimal.valueOf(kind.sign()));
    }

    public static EntryDraft payment(
            long accountId,
            BigDecimal amount,
            String currency,
            String method,
            String externalId,
            String key,
            String actor) {
        String digest = RequestDigest.of("payment", accountId, amount, currency, method, externalId);
        return new EntryDraft(
                accountId,
                EntryKind.PAYMENT,
                amount,
                currency,
                key,
                digest,
                null,
                method,
                externalId,
                null,
                null,
                null,
                null,
                actor,
                null);
    }

    public static EntryDraft correction(
            long accountId,
            BigDecimal amount,
            String currency,
            Long corrects,
            String reason,
            String key,
            String actor) {
        String digest = RequestDigest.of("correction", accountId, amount, currency, corrects, reason);
        return new EntryDraft(
                accountId,
                EntryKind.CORRECTION,
                amount,
                currency,
                key,
                digest,
                corrects,
                null,
                null,
                null,
                null,
                null,
                reason,
                actor,
                null);
    }

    /**
     * An entry the billing engine books for a user service's period: a CHARGE or BONUS_SPEND for
     * the period, or a REFUND or BONUS_GRANT that gives part of it back ({@code corrects} the entry
     * it answers). The key is derived from what it is, so booking it again books nothing.
     */
    public static EntryDraft forService(
            EntryKind kind,
            long accountId,
            BigDecimal amount,
            String currency,
            long userServiceId,
            Instant periodStart,
            Instant periodEnd,
            Long priceId,
            Long corrects,
            String key,
            String reason,
            String actor) {
        String digest = RequestDigest.of(
                kind, accountId, amount, currency, userServiceId, periodStart, periodEnd, priceId, corrects, reason);
        return new EntryDraft(
                accountId,
                kind,
                amount,
                currency,
                key,
                digest,
                corrects,
                null,
                null,
                userServiceId,
                periodStart,
                periodEnd,
                reason,
                actor,
                priceId);
    }

    /** Bonus points granted by an operator, with the reason. */
    public static EntryDraft bonusGrant(
            long accountId, BigDecimal amount, String currency, String reason, String key, String actor) {
        String digest = RequestDigest.of("bonus", accountId, amount, currency, reason);
        return new EntryDraft(
                accountId,
                EntryKind.BONUS_GRANT,
                amount,
                currency,
                key,
                digest,
                null,
                null,
                null,
                null,
                null,
                null,
                reason,
                actor,
                null);
    }

    /** A promised payment or its return at the end of its term. */
    public static EntryDraft promised(
            EntryKind kind,
            long accountId,
            BigDecimal amount,
            String currency,
            Long corrects,
            String key,
            String actor) {
        String digest = RequestDigest.of(kind, accountId, amount, currency, corrects);
        return new EntryDraft(
                accountId, kind, amount, currency, key, digest, corrects, null, null, null, null, null, null, actor,
                null);
    }

    /** Money returned to the payer of the PAYMENT entry {@code paymentEntryId}. */
    public static EntryDraft paymentRefund(
            long accountId,
            long paymentEntryId,
            BigDecimal amount,
            String currency,
            String externalId,
            String reason,
            String key,
            String actor) {
        String digest =
                RequestDigest.of("payment-refund", accountId, paymentEntryId, amount, currency, externalId, reason);
        return new EntryDraft(
                accountId,
                EntryKind.PAYMENT_REFUND,
                amount,
                currency,
                key,
                digest,
                paymentEntryId,
                null,
                externalId,
                null,
                null,
                null,
                reason,
                actor,
                null);
    }
}
