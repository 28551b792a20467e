package io.lastmile.fiscal.receipt;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The receipt job ({@code lastmile.fiscal.receipts.*}).
 *
 * @param enabled the job runs on its schedule (tests run it by hand)
 * @param interval pause between runs
 * @param batch receipts sent or polled per run
 * @param pollInterval wait before asking for a sent receipt's report (again)
 * @param retryBase first wait after a temporary error; doubled per attempt up to {@code retryMax}
 * @param lease how long a claimed receipt is left to the job that claimed it
 */
@ConfigurationProperties("lastmile.fiscal.receipts")
public record ReceiptProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration interval,
        @DefaultValue("50") int batch,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("30s") Duration retryBase,
        @DefaultValue("1h") Duration retryMax,
        @DefaultValue("2m") Duration lease) {

    Duration backoff(int attempts) {
        Duration wait = retryBase.multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
