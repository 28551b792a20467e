package io.lastmile.fiscal.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One provider's day compared with fiscal's payment rows, and what differed. */
record Reconciliation(
        long id,
        LocalDate day,
        String provider,
        String status,
        int providerCount,
        int ourCount,
        String error,
        Instant runAt,
        List<Item> items) {

    enum Kind {
        /** The provider has a paid payment that fiscal never booked: it can be imported. */
        MISSING_OURS,
        /** Fiscal booked a payment the provider's statement does not list. */
        MISSING_PROVIDER,
        /** Both have it with different amounts or currencies. */
        AMOUNT_DIFFERS
    }

    record Item(
            long id,
            Kind kind,
            String providerPaymentId,
            Long paymentId,
            Long invoiceId,
            String contract,
            BigDecimal providerAmount,
            BigDecimal ourAmount,
            String currency,
            Instant paidAt,
            Long importedPaymentId,
            Instant importedAt) {}
}
