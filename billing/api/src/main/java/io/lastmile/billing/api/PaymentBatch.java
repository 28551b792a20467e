package io.lastmile.billing.api;

import java.util.List;

/**
 * Many payments in one request and one transaction (fiscal's outbox): each item is booked once per
 * its own idempotency key, exactly as {@code POST /api/v1/accounts/{id}/payments} would, and
 * answered on its own; one refused item does not stop the others.
 */
public record PaymentBatch(List<Item> payments) {

    /** At most this many payments per request. */
    public static final int MAX_ITEMS = 500;

    public record Item(long accountId, String idempotencyKey, NewPayment payment) {}
}
