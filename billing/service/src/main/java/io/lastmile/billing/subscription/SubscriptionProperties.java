package io.lastmile.billing.subscription;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator settings of the subscription engine.
 *
 * @param bonusMaxSharePercent how much of a charge bonus points may pay (100: all of it)
 * @param promisedMaxAmount the largest promised payment
 * @param promisedMaxDays the longest term of a promised payment
 * @param promisedCooldownDays one promised payment per this many days
 * @param clock the billing clock
 */
@ConfigurationProperties("lastmile.billing.subscriptions")
public record SubscriptionProperties(
        @DefaultValue("100") BigDecimal bonusMaxSharePercent,
        @DefaultValue("500") BigDecimal promisedMaxAmount,
        @DefaultValue("5") int promisedMaxDays,
        @DefaultValue("30") int promisedCooldownDays,
        @DefaultValue Clock clock) {

    /**
     * @param enabled runs the clock on a schedule (a periodic spool job); tests turn it off and drive it
     *     themselves
     * @param cron when it looks for due work (Spring cron with seconds, in UTC): every minute
     * @param batch how many accounts a batch transaction takes
     * @param workers how many batches run at once (the database works while Java prepares the next)
     */
    public record Clock(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 * * * * *") String cron,
            @DefaultValue("500") int batch,
            @DefaultValue("2") int workers) {}
}
