package io.lastmile.billing.api.traffic;

import java.util.List;
import java.util.UUID;

/**
 * What billing did with a batch.
 *
 * @param rows the rows booked, after summing rows of the same key (rows of unknown accounts not
 *     counted)
 * @param duplicate the batch had been booked before: nothing was booked this time, and the other
 *     fields are those of the first booking
 * @param unknownAccounts accounts billing does not know, whose rows were not booked
 */
public record BatchResult(UUID batchId, int rows, boolean duplicate, List<Long> unknownAccounts) {}
