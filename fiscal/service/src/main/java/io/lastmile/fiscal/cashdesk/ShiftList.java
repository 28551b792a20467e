package io.lastmile.fiscal.cashdesk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The cash payments of a shift ({@code from} inclusive, {@code to} exclusive) and their totals. */
record ShiftList(String cashier, Instant from, Instant to, List<CashPaymentView> payments, List<Total> totals) {

    /** All payments in the range in one currency, also those beyond the listed page. */
    record Total(String currency, int count, BigDecimal amount) {}
}
