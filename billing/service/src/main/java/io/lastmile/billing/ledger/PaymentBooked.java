package io.lastmile.billing.ledger;

import java.math.BigDecimal;

/** Published inside the transaction that booked a subscriber's payment: commands bound to PAYMENT run for it. */
public record PaymentBooked(long accountId, long entryId, BigDecimal amount, String currency, String method) {}
