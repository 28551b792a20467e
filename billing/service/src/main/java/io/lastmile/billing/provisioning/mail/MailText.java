package io.lastmile.billing.provisioning.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A mail as an operator writes it in a provisioning template: {@code To:} (optional: the
 * subscriber's address is used then), {@code Subject:}, optional {@code Content-Type:}, a blank
 * line, the body. Only these headers are accepted, so a misspelt one fails with its line instead
 * of landing in the body or being dropped.
 *
 * @param to the addresses written in the template, or null to use the subscriber's
 * @param subject the subject line
 * @param html whether the body is HTML (sent with a plain-text alternative)
 * @param body the body as rendered
 */
public record MailText(String to, String subject, boolean html, String body) {

    /**
     * Parses a rendered template; header lines that start with a space continue the previous one.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static MailText parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the mail is empty: write 'Subject: ...', a blank line, then the body");
        }
        String[] lines = text.split("\r?\n", -1);
        List<String> headers = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        int i = 0;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            if ((lines[i].startsWith(" ") || lines[i].startsWith("\t")) && !headers.isEmpty()) {
                headers.set(headers.size() - 1, headers.getLast() + " " + lines[i].strip());
            } else {
                headers.add(lines[i]);
                numbers.add(i + 1);
            }
        }
        if (i == lines.length) {
            throw new IllegalArgumentException("mail: no blank line after the headers; the body must follow one");
        }
        String to = null;
        String subject = null;
        boolean html = false;
        for (int h = 0; h < headers.size(); h++) {
            int line = numbers.get(h);
            String header = headers.get(h);
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw bad(line, "expected a header 'Name: value', got '" + header + "'");
            }
            String value = header.substring(colon + 1).strip();
            switch (header.substring(0, colon).strip().toLowerCase(Locale.ROOT)) {
                case "to" -> to = once(line, "To", to, addresses(line, value));
                case "subject" -> subject = once(line, "Subject", subject, value);
                case "content-type" -> html = isHtml(line, value);
                default ->
                    throw bad(
                            line,
                            "unknown header '" + header.substring(0, colon) + "': use To, Subject and Content-Type");
            }
        }
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("mail: no 'Subject:' header; write one before the blank line");
        }
        String body = String.join("\n", List.of(lines).subList(i + 1, lines.length));
        return new MailText(to, subject, html, body);
    }

    private static String addresses(int line, String value) {
        try {
            if (InternetAddress.parse(value, true).length == 0) {
                throw bad(line, "'To:' is empty; leave it out to send to the subscriber's address");
            }
            return value;
        } catch (AddressException e) {
            throw bad(line, "'To: " + value + "' is not a list of addresses: " + e.getMessage());
        }
    }

    private static boolean isHtml(int line, String value) {
        String type = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/html" -> true;
            case "text/plain" -> false;
            default -> throw bad(line, "Content-Type '" + type + "' is not supported: use text/plain or text/html");
        };
    }

    private static String once(int line, String name, String previous, String value) {
        if (previous != null) {
            throw bad(line, "a second '" + name + ":' header; write it once");
        }
        return value;
    }

    private static IllegalArgumentException bad(int line, String what) {
        return new IllegalArgumentException("mail line " + line + ": " + what);
    }
}
