package io.lastmile.fiscal.payments;

import java.time.Instant;

/**
 * Which payments a page shows; null fields do not filter. {@code from} is inclusive and {@code to}
 * exclusive, both on received_at; {@code before} is the keyset cursor (ids below it, newest first).
 */
record PaymentFilter(
        Long accountId,
        String contract,
        String provider,
        String method,
        Instant from,
        Instant to,
        Boolean testMode,
        Long before,
        int limit) {}
