package io.lastmile.billing.provisioning.http;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a credential before a request is written to the task log, which operators
 * read and which outlives the credential: better to hide a harmless value than to show a key.
 */
final class Secrets {

    static final String MASK = "***";

    /** Names that carry credentials by convention, matched anywhere in a header or query name. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "auth|cookie|token|secret|passw|pwd|key|sign|session|credential|ticket", Pattern.CASE_INSENSITIVE);

    private static final Pattern QUERY_PARAM = Pattern.compile("([^&=]+)=([^&]*)");

    private Secrets() {}

    static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    static String header(String name, String value) {
        return name + ": " + (looksSecret(name) ? MASK : value);
    }

    /** The URL with any user info and secret-looking query values masked. */
    static String uri(URI uri) {
        String text = uri.toString();
        if (uri.getRawUserInfo() != null) {
            text = text.replace(uri.getRawUserInfo() + "@", MASK + "@");
        }
        String query = uri.getRawQuery();
        if (query == null) {
            return text;
        }
        Matcher m = QUERY_PARAM.matcher(query);
        StringBuilder masked = new StringBuilder();
        while (m.find()) {
            String value = looksSecret(m.group(1)) ? MASK : m.group(2);
            m.appendReplacement(masked, Matcher.quoteReplacement(m.group(1) + "=" + value));
        }
        m.appendTail(masked);
        return text.replace("?" + query, "?" + masked);
    }
}
