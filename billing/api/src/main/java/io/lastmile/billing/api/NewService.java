package io.lastmile.billing.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A catalog service (tariff, option, one-off fee or bundle) to create, with its first price.
 * Required: `name`, `category`, `price`, `chargeMode`, and `period` unless the service is ONCE.
 *
 * @param category lowercase, e.g. `internet` or `vpn-basic`; binds provisioning to the service
 * @param currency ISO 4217 code (default RUB)
 * @param price the first price version, in force from creation; 0 or more, no more decimals than
 *     the currency has
 * @param period ISO-8601: P1M, P3M, P1Y, P10D, PT12H; required for PERIOD and DAILY, absent for ONCE
 * @param chargeMode PERIOD (whole period at its start), DAILY (equal daily parts) or ONCE
 * @param monthStyle CALENDAR (default) or THIRTY_DAY
 * @param orderable whether subscribers may order it themselves (default false)
 * @param autoRenew whether a period is followed by the next (default true)
 * @param followUpServiceId what a subscription turns into when it is not renewed (same currency)
 * @param changeMode when a change from this tariff takes effect: NOW (default) or PERIOD_END
 * @param notifyDaysBefore 0 to 60 (default 3)
 * @param graceDays 0 to 60 (default 0)
 * @param freezeMaxDays absent: freezing is not offered
 * @param settings free-form operator data, a JSON object
 * @param children the parts of a bundle, in order
 */
public record NewService(
        String name,
        String category,
        String currency,
        BigDecimal price,
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
        List<ServiceChild> children) {

    /** The short form: a service in RUB with every default. */
    public NewService(String name, String category, BigDecimal price, String period, String chargeMode) {
        this(
                name,
                category,
                null,
                price,
                period,
                chargeMode,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
