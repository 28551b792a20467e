package io.lastmile.fiscal.reconciliation;

import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daily reconciliation ({@code lastmile.fiscal.reconciliation.*}).
 *
 * @param enabled the job runs on its own (tests and operators run it through the API)
 * @param time after this time of day (operator's zone) yesterday is reconciled, once per provider
 * @param zone the operator's time zone: a day is its midnight to midnight
 */
@ConfigurationProperties("lastmile.fiscal.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("04:00") LocalTime time,
        @DefaultValue("Europe/Moscow") ZoneId zone) {}
