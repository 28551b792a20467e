package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Changes to a catalog service: only the fields given change. Never the currency, nor the price
 * (a new price is a new version: `POST /catalog/services/{id}/prices`).
 *
 * @param period required when the charge mode changes from ONCE; dropped when it changes to ONCE
 * @param settings replaces the whole object when given
 * @param children replaces all the parts when given; an empty list makes it a plain service
 * @param archived true withdraws the service from sale (running subscriptions continue); false
 *     brings it back
 * @param clear optional fields to reset to none: `followUpServiceId`, `freezeMinDays`,
 *     `freezeMaxDays`, `freezeMonthlyFee`
 */
public record ServicePatch(
        String name,
        String category,
        String period,
        String chargeMode,
        String monthStyle,
        Boolean orderable,
        Boolean autoRenew,
        Long followUpServiceId,
        String changeMode,
        Integer notifyDaysBefore,
        Integer graceDays,
        Integer freezeMinDays,
        Integer freezeMaxDays,
        BigDecimal freezeMonthlyFee,
        Map<String, Object> settings,
        List<ServiceChild> children,
        Boolean archived,
        List<String> clear) {

    /** Only archives (true) or brings back (false). */
    public static ServicePatch archive(boolean archived) {
        return new ServicePatch(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                archived, null);
    }
}
