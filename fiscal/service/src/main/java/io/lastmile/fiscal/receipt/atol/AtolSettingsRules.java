package io.lastmile.fiscal.receipt.atol;

import io.lastmile.platform.web.InvalidRequestException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

/** What ATOL's settings must be before they are stored; each problem named by its field. */
final class AtolSettingsRules {

    /** ATOL v5's taxation systems (tag 1055). */
    static final Set<String> SNO = Set.of("osn", "usn_income", "usn_income_outcome", "esn", "patent");

    /** ATOL v5's VAT types of an item (tag 1199). */
    static final Set<String> VAT = Set.of(
            "none", "vat0", "vat5", "vat7", "vat10", "vat20", "vat22", "vat105", "vat107", "vat110", "vat120",
            "vat122");

    /** ATOL v5's ways of settlement (tag 1214). */
    static final Set<String> PAYMENT_METHODS = Set.of(
            "full_prepayment", "prepayment", "advance", "full_payment", "partial_payment", "credit", "credit_payment");

    private static final Pattern INN = Pattern.compile("\\d{10}|\\d{12}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private AtolSettingsRules() {}

    /** Refuses {@code s} with every problem found; the credentials are required when it is enabled. */
    static void check(AtolProperties s) {
        InvalidRequestException.Collector errors = new InvalidRequestException.Collector();
        String url = baseUrlProblem(s.baseUrl());
        if (url != null) {
            errors.add("baseUrl", url);
        }
        if (s.groupCode() != null && !GROUP.matcher(s.groupCode()).matches()) {
            errors.add("groupCode", "a group code is 1 to 100 letters, digits, '_', '.' or '-', e.g. group_code_12345");
        }
        if (s.inn() != null && !INN.matcher(s.inn()).matches()) {
            errors.add("inn", "an INN is 10 digits (an organisation) or 12 (an entrepreneur)");
        }
        if (s.companyEmail() != null && !EMAIL.matcher(s.companyEmail()).matches()) {
            errors.add("companyEmail", "must be an e-mail address");
        }
        if (s.login() != null && (s.login().isBlank() || s.login().length() > 100)) {
            errors.add("login", "must be 1 to 100 characters");
        }
        if (s.paymentAddress() != null
                && (s.paymentAddress().isBlank() || s.paymentAddress().length() > 256)) {
            errors.add("paymentAddress", "must be 1 to 256 characters, the site where payments are taken");
        }
        if (!SNO.contains(s.sno())) {
            errors.add("sno", "must be one of " + sorted(SNO));
        }
        if (!VAT.contains(s.vat())) {
            errors.add("vat", "must be one of " + sorted(VAT));
        }
        if (!PAYMENT_METHODS.contains(s.paymentMethod())) {
            errors.add("paymentMethod", "must be one of " + sorted(PAYMENT_METHODS));
        }
        if (s.itemName() == null || s.itemName().isBlank() || s.itemName().length() > 128) {
            errors.add("itemName", "must be 1 to 128 characters");
        }
        if (s.paymentObject() < 1 || s.paymentObject() > 33) {
            errors.add("paymentObject", "must be ATOL's payment object code, 1 to 33 (4 is a service)");
        }
        if (s.enabled()) {
            required(errors, "login", s.login());
            required(errors, "password", s.password());
            required(errors, "groupCode", s.groupCode());
            required(errors, "inn", s.inn());
            required(errors, "paymentAddress", s.paymentAddress());
            required(errors, "companyEmail", s.companyEmail());
        }
        errors.throwIfAny();
    }

    private static void required(InvalidRequestException.Collector errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required to enable ATOL");
        }
    }

    /** https anywhere, http only to this machine (a local test server); null when fine. */
    static String baseUrlProblem(String baseUrl) {
        String rule = "must be an https URL (http only to a loopback address), e.g. https://online.atol.ru";
        if (baseUrl == null || baseUrl.isBlank()) {
            return rule;
        }
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            return rule;
        }
        if (uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            return rule;
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return null;
        }
        return "http".equalsIgnoreCase(uri.getScheme()) && loopback(uri.getHost()) ? null : rule;
    }

    private static boolean loopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // a name: resolving it here would trust DNS
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String sorted(Set<String> values) {
        return new java.util.TreeSet<>(values).toString();
    }
}
