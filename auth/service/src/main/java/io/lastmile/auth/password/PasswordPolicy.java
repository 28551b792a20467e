package io.lastmile.auth.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The minimum a new password must meet: at least {@value #MIN_LENGTH} characters, not the login
 * (nor containing it), and not in the list of common passwords shipped with auth
 * ({@code passwords/common.txt}, made by {@code auth/tools/common-passwords.py}).
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;
    static final String LIST = "passwords/common.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** A rule a password broke: its message key for the pages, and its English text for the API. */
    public enum Rule {
        TOO_SHORT("password.too-short", "a password has at least " + MIN_LENGTH + " characters"),
        TOO_LONG("password.too-long", "a password has at most " + MAX_LENGTH + " characters"),
        CONTAINS_LOGIN("password.contains-login", "a password must not be or contain the login"),
        COMMON("password.common", "this password is one of the most common ones and is guessed first: choose another");

        private final String messageKey;
        private final String english;

        Rule(String messageKey, String english) {
            this.messageKey = messageKey;
            this.english = english;
        }

        public String messageKey() {
            return messageKey;
        }

        public String english() {
            return english;
        }
    }

    /** Why {@code password} may not be used by {@code login}, in English, or empty if it may. */
    public Optional<String> problem(String password, String login) {
        return broken(password, login).map(Rule::english);
    }

    /** The rule {@code password} breaks for {@code login}, or empty if it may be used. */
    public Optional<Rule> broken(String password, String login) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(Rule.TOO_SHORT);
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of(Rule.TOO_LONG);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (login != null && !login.isBlank() && lower.contains(login.toLowerCase(Locale.ROOT))) {
            return Optional.of(Rule.CONTAINS_LOGIN);
        }
        if (common.contains(lower) || common.contains(lower.strip())) {
            return Optional.of(Rule.COMMON);
        }
        return Optional.empty();
    }

    int size() {
        return common.size();
    }

    private static Set<String> load() {
        InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST);
        if (in == null) {
            throw new IllegalStateException("the list of common passwords " + LIST + " is missing from auth's jar");
        }
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
