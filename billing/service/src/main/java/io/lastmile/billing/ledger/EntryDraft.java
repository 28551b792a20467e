package io.lastmile.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An entry to book. `amount` is positive for every kind except CORRECTION, where its sign says
 * which way the balance moves; the kind gives the sign otherwise.
 *
 * @param idempotencyKey books once: the same key again returns the first entry
 * @param requestDigest what the request asked; the same key with another digest is refused
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
        String actor) {

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
                actor);
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
                actor);
    }
}
