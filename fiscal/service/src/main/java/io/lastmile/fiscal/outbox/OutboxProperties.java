package io.lastmile.fiscal.outbox;

import io.lastmile.billing.api.PaymentBatch;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often the outbox is looked at besides right after a booking
 * @param firstRetry the wait after the first failed post; it doubles up to {@code maxRetry}
 * @param workers how many posts to billing may be under way at once (each its own rows)
 * @param batchSize how many payments go to billing in one request (billing takes at most 500)
 */
@ConfigurationProperties("lastmile.fiscal.outbox")
record OutboxProperties(
        @DefaultValue("5s") Duration interval,
        @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry,
        @DefaultValue("4") int workers,
        @DefaultValue("200") int batchSize) {

    OutboxProperties {
        if (batchSize < 1 || batchSize > PaymentBatch.MAX_ITEMS) {
            throw new IllegalArgumentException(
                    "lastmile.fiscal.outbox.batch-size must be 1 to " + PaymentBatch.MAX_ITEMS + ", not " + batchSize);
        }
    }
}
