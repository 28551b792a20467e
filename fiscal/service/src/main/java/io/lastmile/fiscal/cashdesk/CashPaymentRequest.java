package io.lastmile.fiscal.cashdesk;

import java.math.BigDecimal;

/**
 * Cash taken at the desk: for the account with {@code contract} or {@code accountId} (one of
 * them), {@code amount} exact in the currency's units; {@code currency} defaults to the account's.
 * The receipt goes to {@code customerEmail}, else {@code customerPhone}, else the account's own.
 */
record CashPaymentRequest(
        String contract,
        Long accountId,
        BigDecimal amount,
        String currency,
        String note,
        String customerEmail,
        String customerPhone) {}
