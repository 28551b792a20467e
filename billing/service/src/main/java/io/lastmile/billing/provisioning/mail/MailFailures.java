package io.lastmile.billing.provisioning.mail;

import io.lastmile.billing.provisioning.AttemptOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what Jakarta Mail threw into an outcome. The SMTP reply code decides where there is one
 * (5xx: permanent, 4xx: later); Spring Boot puts Angus Mail on the runtime classpath only, so the
 * code is read from the reply text, which every Angus exception starts with.
 */
final class MailFailures {

    private static final Pattern CODE = Pattern.compile("^\\s*([2-5][0-9][0-9])[ -]");

    private MailFailures() {}

    static AttemptOutcome classify(MessagingException error) {
        Set<Throwable> chain = chain(error);
        Integer code = chain.stream()
                .map(t -> code(t.getMessage()))
                .filter(c -> c != null)
                .findFirst()
                .orElse(null);
        String text = oneLine(error);
        if (chain.stream().anyMatch(t -> t instanceof SSLHandshakeException || t instanceof GeneralSecurityException)) {
            return AttemptOutcome.fail(
                    code,
                    "TLS failed (" + text + "); if the server's certificate is "
                            + "self-signed or from a private CA, list the host in trustHosts");
        }
        if (text.contains("STARTTLS is required")) {
            return AttemptOutcome.fail(
                    code, "the server does not offer STARTTLS, and sending in clear was not " + "allowed: " + text);
        }
        if (code != null && code >= 400 && code < 500) {
            return AttemptOutcome.retry(code, "the server answered " + text + "; later");
        }
        if (error instanceof AuthenticationFailedException) {
            return AttemptOutcome.fail(code, "login refused: " + text + "; check the username and password");
        }
        if (code != null && code >= 500) {
            return AttemptOutcome.fail(code, "the server refused: " + text);
        }
        if (error instanceof SendFailedException sent
                && sent.getInvalidAddresses() != null
                && sent.getInvalidAddresses().length > 0) {
            return AttemptOutcome.fail(code, "invalid recipient " + MailTransport.names(sent.getInvalidAddresses()));
        }
        if (chain.stream().anyMatch(IOException.class::isInstance)) {
            return AttemptOutcome.retry(code, "cannot reach the server: " + describeIo(chain));
        }
        return AttemptOutcome.retry(code, text);
    }

    /** The reply the server gave to the last command, e.g. {@code 250 OK}; Angus only. */
    static String lastAnswer(Transport transport) {
        try {
            Object answer =
                    transport.getClass().getMethod("getLastServerResponse").invoke(transport);
            return answer == null ? "accepted" : answer.toString().strip();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "accepted";
        }
    }

    static Integer code(String reply) {
        if (reply == null) {
            return null;
        }
        Matcher m = CODE.matcher(reply);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static Set<Throwable> chain(Throwable error) {
        Set<Throwable> seen = new LinkedHashSet<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(error);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (seen.add(t)) {
                if (t.getCause() != null) {
                    todo.add(t.getCause());
                }
                if (t instanceof MessagingException m && m.getNextException() != null) {
                    todo.add(m.getNextException());
                }
            }
        }
        return seen;
    }

    private static String describeIo(Set<Throwable> chain) {
        return chain.stream()
                .filter(IOException.class::isInstance)
                .findFirst()
                .map(t -> t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + oneLine(t)))
                .orElse("");
    }

    private static String oneLine(Throwable t) {
        return String.valueOf(t.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
