package io.lastmile.billing.api;

/**
 * What a money-moving call did.
 *
 * @param entry the entry booked (for a dry run: the entry that would be booked, without an id)
 * @param replayed true when the idempotency key had already booked this entry: nothing new happened
 * @param dryRun true when nothing was booked because the call asked only to see the outcome
 */
public record PostingResult(LedgerEntryView entry, boolean replayed, boolean dryRun) {}
