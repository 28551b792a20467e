package io.lastmile.fiscal.invoice;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl how long an invoice stays OPEN before the expiry job marks it EXPIRED
 * @param expiryInterval how often the expiry job runs
 * @param forecastDays the period the suggested amount keeps services running for (billing's forecast)
 */
@ConfigurationProperties("lastmile.fiscal.invoices")
record InvoiceProperties(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("1m") Duration expiryInterval,
        @DefaultValue("30") int forecastDays) {

    InvoiceProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lastmile.fiscal.invoices.ttl must be positive");
        }
        if (forecastDays < 1) {
            throw new IllegalArgumentException("lastmile.fiscal.invoices.forecast-days must be at least 1");
        }
    }
}
