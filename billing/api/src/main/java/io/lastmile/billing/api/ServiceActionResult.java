package io.lastmile.billing.api;

import java.util.List;

/**
 * What an order or an action on a user service did.
 *
 * @param entries the ledger entries it booked (for a dry run: would have booked)
 * @param replayed the order's Idempotency-Key was used before: this is the first order's service
 * @param dryRun nothing was changed
 */
public record ServiceActionResult(
        UserServiceView service, List<LedgerEntryView> entries, boolean replayed, boolean dryRun) {}
