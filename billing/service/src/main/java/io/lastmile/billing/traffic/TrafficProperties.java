package io.lastmile.billing.traffic;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator settings of traffic usage.
 *
 * @param maxAge how old a minute of a batch may be; an older one refuses the batch (400), since a
 *     router's clock that far off is a fault to look at, not usage to book
 * @param maxAhead how far past the billing clock a minute may be
 * @param monthsAhead how many months past the current one have partitions made ahead
 */
@ConfigurationProperties("lastmile.billing.traffic")
record TrafficProperties(
        @DefaultValue("400d") Duration maxAge,
        @DefaultValue("1h") Duration maxAhead,
        @DefaultValue("2") int monthsAhead) {}
