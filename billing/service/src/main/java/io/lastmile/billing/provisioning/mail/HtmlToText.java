package io.lastmile.billing.provisioning.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A readable plain-text rendering of an HTML mail, for the text/plain alternative: mail clients
 * that show no HTML, and spam filters that score HTML-only mail, both get words, not tags.
 */
final class HtmlToText {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINK =
            Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|h[1-6]|tr|table|ul|ol)\\s*>");
    private static final Pattern ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern NUMERIC = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));");

    private HtmlToText() {}

    static String convert(String html) {
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = LINK.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(
                        m.group(2).equals(m.group(1)) ? m.group(1) : m.group(2) + " (" + m.group(1) + ")"));
        text = text.replaceAll("\\s*\\R\\s*", " ");
        text = ITEM.matcher(text).replaceAll("\n- ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = entities(text);
        text = text.replaceAll("[ \\t\\x{00A0}]+", " ").replaceAll(" *\n *", "\n");
        return text.replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    private static String entities(String text) {
        String named = text.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&apos;", "'");
        String numeric = NUMERIC.matcher(named).replaceAll(m -> {
            int code = m.group(1) != null ? Integer.parseInt(m.group(1), 16) : Integer.parseInt(m.group(2));
            return Matcher.quoteReplacement(Character.isValidCodePoint(code) ? Character.toString(code) : "");
        });
        return numeric.replace("&amp;", "&");
    }
}
