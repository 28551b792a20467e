package io.lastmile.fiscal.payments;

import java.util.List;

/**
 * One page of payments, newest first; {@code nextBefore} is the {@code before} of the next page,
 * null on the last one.
 */
record PaymentPage(List<PaymentView> items, Long nextBefore) {}
