package io.lastmile.billing.catalog;

import io.lastmile.billing.period.MonthStyle;
import io.lastmile.billing.period.ServicePeriod;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A catalog service as the subscription engine sees it.
 *
 * @param period null for {@link ChargeMode#ONCE}
 * @param freezeMaxDays null when the service cannot be frozen
 */
public record Tariff(
        long id,
        String name,
        String category,
        String currency,
        ServicePeriod period,
        ChargeMode chargeMode,
        MonthStyle monthStyle,
        boolean orderable,
        boolean autoRenew,
        Long followUpServiceId,
        ChangeMode changeMode,
        int notifyDaysBefore,
        int graceDays,
        Integer freezeMinDays,
        Integer freezeMaxDays,
        BigDecimal freezeMonthlyFee,
        boolean archived,
        List<Child> children,
        Map<String, Object> settings) {

    /** A part of a bundle. */
    public record Child(long serviceId, int quantity) {}
}
