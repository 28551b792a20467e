package io.lastmile.billing.provisioning.bind;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** SQL LIKE in Java ({@code %} any run, {@code _} one character, backslash escapes), so the cache matches as PostgreSQL would. */
final class LikePattern {

    private static final ConcurrentHashMap<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private LikePattern() {}

    static boolean matches(String like, String text) {
        return COMPILED.computeIfAbsent(like, LikePattern::compile)
                .matcher(text)
                .matches();
    }

    static Pattern compile(String like) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
