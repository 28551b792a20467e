package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A catalog service as the operator sees it, with the price in force now.
 *
 * @param period ISO-8601 (P1M, P1Y, P10D, PT12H); null for ONCE
 * @param chargeMode PERIOD, DAILY or ONCE
 * @param monthStyle CALENDAR or THIRTY_DAY
 * @param changeMode NOW or PERIOD_END
 * @param freezeMaxDays null when the service cannot be frozen
 * @param price the price in force now (null only if no version is in force yet)
 * @param priceId the id of that price version, as ledger charges name it
 * @param priceVersion its version number
 * @param children the parts of a bundle, in order; empty for a plain service
 */
public record ServiceView(
        long id,
        String name,
        String category,
        String currency,
        String period,
        String chargeMode,
        String monthStyle,
        boolean orderable,
        boolean autoRenew,
        Long followUpServiceId,
        String changeMode,
        int notifyDaysBefore,
        int graceDays,
        Integer freezeMinDays,
        Integer freezeMaxDays,
        BigDecimal freezeMonthlyFee,
        Map<String, Object> settings,
        boolean archived,
        BigDecimal price,
        Long priceId,
        Integer priceVersion,
        List<ServiceChildView> children,
        Instant createdAt,
        Instant updatedAt) {}
