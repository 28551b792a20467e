package io.lastmile.billing.account;

import io.lastmile.platform.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks an account's fields must pass, each naming its field, shared by open and change. */
final class AccountRules {

    static final Set<String> TYPES = Set.of("PERSON", "COMPANY");
    static final Set<String> STATUSES = Set.of("ACTIVE", "BLOCKED", "CLOSED");
    private static final Pattern TAX_ID = Pattern.compile("[0-9]{10}([0-9]{2})?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{5,31}");

    private AccountRules() {}

    static void text(InvalidRequestException.Collector p, String field, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            p.add(field, "must be 1 to " + max + " characters");
        }
    }

    static void type(InvalidRequestException.Collector p, String type) {
        if (type != null && !TYPES.contains(type)) {
            p.add("type", "must be PERSON or COMPANY, not '" + type + "'");
        }
    }

    static void status(InvalidRequestException.Collector p, String status) {
        if (status != null && !STATUSES.contains(status)) {
            p.add("status", "must be ACTIVE, BLOCKED or CLOSED, not '" + status + "'");
        }
    }

    static void taxId(InvalidRequestException.Collector p, String taxId) {
        if (taxId != null && !TAX_ID.matcher(taxId).matches()) {
            p.add("taxId", "must be 10 digits (a company's INN) or 12 (a person's)");
        }
    }

    static void email(InvalidRequestException.Collector p, String email) {
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            p.add("email", "'" + email + "' is not an e-mail address");
        }
    }

    static void phone(InvalidRequestException.Collector p, String phone) {
        if (phone != null && !PHONE.matcher(phone).matches()) {
            p.add("phone", "'" + phone + "' is not a phone number such as +7 900 123-45-67");
        }
    }

    static void timeZone(InvalidRequestException.Collector p, String zone) {
        if (zone == null) {
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            p.add("timeZone", "'" + zone + "' is not a time zone such as Europe/Moscow");
        }
    }

    static void currency(InvalidRequestException.Collector p, String currency) {
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            p.add("currency", "'" + currency + "' is not an ISO 4217 code such as RUB or USD");
        }
    }

    static void percent(InvalidRequestException.Collector p, BigDecimal percent) {
        if (percent != null
                && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0 || percent.scale() > 2)) {
            p.add("discountPercent", "must be 0 to 100 with at most 2 decimals");
        }
    }

    static void creditLimit(InvalidRequestException.Collector p, BigDecimal limit) {
        if (limit != null && limit.signum() < 0) {
            p.add("creditLimit", "must be 0 or more");
        }
    }
}
