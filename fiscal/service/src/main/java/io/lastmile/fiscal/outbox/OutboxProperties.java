package io.lastmile.fiscal.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often the outbox is looked at besides right after a booking
 * @param firstRetry the wait after the first failed post; it doubles up to {@code maxRetry}
 * @param workers how many posts to billing may be under way at once (each its own row)
 */
@ConfigurationProperties("lastmile.fiscal.outbox")
record OutboxProperties(
        @DefaultValue("5s") Duration interval,
        @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry,
        @DefaultValue("4") int workers) {}
