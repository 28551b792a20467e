package io.lastmile.billing.api;

import java.util.List;

/** The answer to a {@link PaymentBatch}: one result per item, in the request's order. */
public record PaymentBatchResult(List<Item> results) {

    /**
     * @param status what the single endpoint would have answered: 201 booked, 200 replayed, 404 no
     *     such account, 409 the key was used for another request, 400 or 422 refused
     * @param posting the entry, when booked or replayed
     * @param detail why it was refused, otherwise null
     */
    public record Item(String idempotencyKey, int status, PostingResult posting, String detail) {

        public boolean booked() {
            return status == 200 || status == 201;
        }
    }
}
