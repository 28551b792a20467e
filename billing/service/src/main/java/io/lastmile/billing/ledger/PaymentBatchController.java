package io.lastmile.billing.ledger;

import io.lastmile.billing.api.PaymentBatch;
import io.lastmile.billing.api.PaymentBatchResult;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments in bulk, for a payment gateway's outbox: one request and one transaction for up to
 * {@link PaymentBatch#MAX_ITEMS} payments instead of one each. Each item keeps the single
 * endpoint's rules and answer (its idempotency key, 201 or 200 on a replay, 404, 409, 400).
 */
@RestController
class PaymentBatchController {

    private final PaymentBatches batches;

    PaymentBatchController(PaymentBatches batches) {
        this.batches = batches;
    }

    @RequiresPermission(Permissions.PAYMENTS_WRITE)
    @PostMapping("/api/v1/payments/batch")
    PaymentBatchResult payAll(@RequestBody PaymentBatch batch, Authentication caller) {
        List<EntryDraft> drafts = drafts(batch, caller.getName());
        List<PaymentBatches.Outcome> outcomes = batches.post(drafts);
        List<PaymentBatchResult.Item> results = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            var o = outcomes.get(i);
            results.add(
                    new PaymentBatchResult.Item(drafts.get(i).idempotencyKey(), o.status(), o.posting(), o.detail()));
        }
        return new PaymentBatchResult(results);
    }

    /** The whole request is refused, booking nothing, when its shape is wrong: these are the caller's bugs. */
    private static List<EntryDraft> drafts(PaymentBatch batch, String actor) {
        if (batch == null || batch.payments() == null || batch.payments().isEmpty()) {
            throw InvalidRequestException.of("payments", "is required: 1 to " + PaymentBatch.MAX_ITEMS + " payments");
        }
        if (batch.payments().size() > PaymentBatch.MAX_ITEMS) {
            throw InvalidRequestException.of(
                    "payments", batch.payments().size() + " payments in one batch; at most " + PaymentBatch.MAX_ITEMS);
        }
        Set<String> keys = new HashSet<>();
        List<EntryDraft> drafts = new ArrayList<>(batch.payments().size());
        for (int i = 0; i < batch.payments().size(); i++) {
            var item = batch.payments().get(i);
            String field = "payments[" + i + "]";
            if (item == null || item.payment() == null) {
                throw InvalidRequestException.of(field, "needs accountId, idempotencyKey and payment");
            }
            String key = item.idempotencyKey();
            if (key == null || key.isBlank() || key.length() > 200) {
                throw InvalidRequestException.of(field + ".idempotencyKey", "is required (1 to 200 characters)");
            }
            if (!keys.add(key)) {
                throw InvalidRequestException.of(field + ".idempotencyKey", "'" + key + "' appears twice in the batch");
            }
            var p = item.payment();
            drafts.add(EntryDraft.payment(
                    item.accountId(), p.amount(), p.currency(), p.method(), p.externalId(), key, actor));
        }
        return drafts;
    }
}
