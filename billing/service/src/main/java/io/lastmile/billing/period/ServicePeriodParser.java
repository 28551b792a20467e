package io.lastmile.billing.period;

import java.util.Locale;

/**
 * Reads the ISO-8601 durations operators type for tariff periods ({@code P1M}, {@code P1Y},
 * {@code P10D}, {@code PT12H}, {@code P1DT12H}) and, for anything else, says exactly what is wrong
 * and shows a form that works, because the operator has to fix it by hand.
 */
final class ServicePeriodParser {

    private static final int YEARS = 0;
    private static final int MONTHS = 1;
    private static final int WEEKS = 2;
    private static final int DAYS = 3;
    private static final int HOURS = 4;
    private static final int SUB_HOUR = 5;

    private ServicePeriodParser() {}

    static ServicePeriod parse(String iso) {
        if (iso == null || iso.isBlank()) {
            throw bad(iso, "is empty", "P1M");
        }
        String s = iso.strip().toUpperCase(Locale.ROOT);
        if (s.charAt(0) == '-') {
            throw bad(iso, "is negative; a period must be positive", "P1M");
        }
        if (s.charAt(0) != 'P') {
            throw bad(iso, "must start with P", "P1M");
        }
        if (s.length() == 1) {
            throw bad(iso, "has no amount after P", "P1M");
        }
        long[] amounts = new long[HOURS + 1];
        boolean[] present = new boolean[HOURS + 1];
        int lastRank = -1;
        boolean time = false;
        int pos = 1;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == 'T') {
                if (time) {
                    throw bad(iso, "has T twice", "P1DT12H");
                }
                time = true;
                lastRank = DAYS;
                if (++pos == s.length()) {
                    throw bad(iso, "has T but no hours after it", "P1DT12H");
                }
                continue;
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw c == '-'
                        ? bad(iso, "is negative; a period must be positive", "P1M")
                        : bad(iso, "has '" + c + "' where a number was expected", "P1M10D");
            }
            if (pos == s.length()) {
                throw bad(iso, "ends with a number without a unit", "P10D");
            }
            char unit = s.charAt(pos++);
            if (unit == '.' || unit == ',') {
                throw bad(iso, "has a fraction; periods take whole units", time ? "PT36H" : "P1M15D");
            }
            int rank = rank(iso, unit, time);
            if (rank <= lastRank) {
                throw bad(
                        iso,
                        "repeats a unit or has units out of order; write years, months, days, then T and hours",
                        "P1Y2M10DT12H");
            }
            lastRank = rank;
            present[rank] = true;
            amounts[rank] = number(iso, s.substring(start, pos - 1));
        }
        if (present[WEEKS] && (present[YEARS] || present[MONTHS] || present[DAYS] || present[HOURS])) {
            throw bad(iso, "mixes weeks with other units; write the whole period in days", "P9D");
        }
        try {
            int months = Math.toIntExact(Math.addExact(Math.multiplyExact(amounts[YEARS], 12), amounts[MONTHS]));
            int days = Math.toIntExact(Math.addExact(Math.multiplyExact(amounts[WEEKS], 7), amounts[DAYS]));
            int hours = Math.toIntExact(amounts[HOURS]);
            if (months == 0 && days == 0 && hours == 0) {
                throw bad(iso, "is zero; a period must last at least one hour", "PT1H or P1M");
            }
            return new ServicePeriod(months, days, hours);
        } catch (ArithmeticException e) {
            throw bad(iso, "is too large", "P100Y");
        }
    }

    private static int rank(String iso, char unit, boolean time) {
        if (time) {
            return switch (unit) {
                case 'H' -> HOURS;
                case 'M', 'S' ->
                    throw bad(iso, "uses minutes or seconds; periods are counted in whole hours or longer", "PT12H");
                case 'Y', 'W', 'D' -> throw bad(iso, "puts '" + unit + "' after T; only hours go after T", "P1DT12H");
                default -> throw bad(iso, "has an unknown unit '" + unit + "'", "PT12H");
            };
        }
        return switch (unit) {
            case 'Y' -> YEARS;
            case 'M' -> MONTHS;
            case 'W' -> WEEKS;
            case 'D' -> DAYS;
            case 'H' -> throw bad(iso, "puts hours before T; hours go after T", "PT12H or P1DT12H");
            case 'S' ->
                throw bad(iso, "uses minutes or seconds; periods are counted in whole hours or longer", "PT12H");
            default -> throw bad(iso, "has an unknown unit '" + unit + "'", "P1M10D");
        };
    }

    private static long number(String iso, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw bad(iso, "is too large", "P100Y");
        }
    }

    private static IllegalArgumentException bad(String iso, String problem, String example) {
        return new IllegalArgumentException(
                "service period '" + iso + "' " + problem + "; write an ISO-8601 duration such as " + example);
    }
}
