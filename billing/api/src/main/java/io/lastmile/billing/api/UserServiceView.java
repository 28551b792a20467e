package io.lastmile.billing.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A subscription (user service): what was ordered, its status and its current paid period.
 *
 * @param priceId the catalog price version the current period was charged with
 * @param paidUntil for daily tariffs, the end of the last charged day
 * @param graceUntil when it works unpaid, the end of the grace period
 * @param nextServiceId a tariff change booked for the end of the period
 * @param nextStepAt when the billing clock looks at it next (prolongation, warning, daily charge)
 */
public record UserServiceView(
        long id,
        long accountId,
        long serviceId,
        String serviceName,
        String category,
        Long parentId,
        int quantity,
        String status,
        String blockReason,
        Long priceId,
        Instant periodStart,
        Instant periodEnd,
        Instant paidUntil,
        Instant graceUntil,
        Long nextServiceId,
        Instant frozenUntil,
        Instant nextStepAt,
        Map<String, Object> settings,
        Instant createdAt,
        Instant removedAt,
        List<Long> children) {}
