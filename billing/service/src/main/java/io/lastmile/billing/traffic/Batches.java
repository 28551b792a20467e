package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.BatchResult;
import io.lastmile.billing.api.traffic.TrafficBatch;
import io.lastmile.platform.web.ConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Books the collector's usage batches, each batchId once, in one transaction: the batch's row
 * (with a hash of what it books) first, so that a parallel post of the same batch waits for this
 * one and then finds it booked; then the minutes, hours and days. Rows of accounts billing does
 * not know are left out and listed.
 */
@Service
class Batches {

    private final UsageRepository usage;
    private final TrafficPartitions partitions;
    private final TrafficProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Batches(
            UsageRepository usage,
            TrafficPartitions partitions,
            TrafficProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.usage = usage;
        this.partitions = partitions;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    BatchResult book(TrafficBatch batch) {
        Instant now = clock.instant();
        UsageRows rows = new BatchCheck(now, properties).check(batch);
        partitions.ensure(rows.months()); // before the booking's transaction, see TrafficPartitions
        String hash = rows.hash();
        return transaction.execute(status -> {
            Set<Long> known = usage.known(rows.accounts());
            List<Long> unknown = new ArrayList<>(rows.accounts());
            unknown.removeAll(known);
            UsageRows booked = rows.of(known);
            if (!usage.claim(
                    batch.batchId(), batch.source(), hash, booked.rows().size(), unknown, now)) {
                return duplicate(batch, hash);
            }
            usage.add(booked);
            return new BatchResult(batch.batchId(), booked.rows().size(), false, unknown);
        });
    }

    private BatchResult duplicate(TrafficBatch batch, String hash) {
        UsageRepository.Booked before = usage.booked(batch.batchId()).orElseThrow();
        if (!before.contentHash().equals(hash)) {
            throw new ConflictException("batch " + batch.batchId()
                    + " was booked before with other rows: a batch id names one batch; give new rows a new id");
        }
        return new BatchResult(batch.batchId(), before.rows(), true, before.unknownAccounts());
    }
}
