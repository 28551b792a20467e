package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What an account must pay to keep every service running until {@code until}.
 *
 * @param total what the services' charges in the window add up to
 * @param toPay what to pay so that balance and usable bonus cover {@code total}: 0 if they do
 */
public record Forecast(
        long accountId,
        String currency,
        Instant from,
        Instant until,
        BigDecimal balance,
        BigDecimal bonus,
        BigDecimal creditLimit,
        BigDecimal debt,
        List<Item> items,
        BigDecimal total,
        BigDecimal toPay) {

    /** One charge the window will bring: a period, or one day of a daily tariff. */
    public record Item(
            long userServiceId,
            long serviceId,
            String serviceName,
            Instant periodStart,
            Instant periodEnd,
            BigDecimal amount) {}
}
