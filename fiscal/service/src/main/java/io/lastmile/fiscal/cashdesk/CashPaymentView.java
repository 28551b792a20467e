package io.lastmile.fiscal.cashdesk;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A cash payment as the desk shows it.
 *
 * @param receiptStatus the 54-FZ receipt's state (null before the receipt job made it)
 */
record CashPaymentView(
        long id,
        String paymentKey,
        long accountId,
        String contract,
        BigDecimal amount,
        String currency,
        String cashier,
        String note,
        String customerEmail,
        String customerPhone,
        Instant paidAt,
        String receiptStatus) {}
