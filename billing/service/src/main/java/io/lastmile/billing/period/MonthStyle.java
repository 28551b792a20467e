package io.lastmile.billing.period;

/**
 * How the operator counts a month of service: some ISPs bill real calendar months (a month
 * bought on 31 January ends on the last day of February), others sell "a month" as 30 days.
 */
public enum MonthStyle {
    /** A month ends on the same day of a later month, or on that month's last day if it is shorter. */
    CALENDAR,
    /** A month is exactly 30 local calendar days. */
    THIRTY_DAY
}
