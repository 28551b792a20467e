package io.lastmile.billing.provisioning.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTTP request as an operator writes it in a provisioning template: {@code METHOD URL}, then
 * {@code Name: value} header lines, a blank line, then the body. Parsing is strict so that a typo
 * in a template fails the task with the line named instead of sending something else.
 */
public record HttpRequestText(String method, URI uri, List<Header> headers, String body) {

    /** Methods a provisioning call may use; CONNECT/TRACE/OPTIONS have no business here. */
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    /** Headers the transport sets itself (framing, the connection); rejected early with the line. */
    private static final Set<String> RESTRICTED =
            Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern LINES = Pattern.compile("\r?\n");
    private static final Pattern WORDS = Pattern.compile("[ \t]+");

    /** One header as written; several with the same name are all sent. */
    public record Header(String name, String value) {}

    public HttpRequestText {
        headers = List.copyOf(headers);
        body = body == null ? "" : body;
    }

    /**
     * Parses a rendered template. Leading blank lines are skipped (template tags often leave
     * them); line numbers in error messages count from the first line of the text.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static HttpRequestText parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the HTTP request is empty: write 'METHOD URL' on the first line");
        }
        String[] lines = LINES.split(text, -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        int requestLine = i + 1;
        String[] parts = WORDS.split(lines[i].strip());
        if (parts.length != 2) {
            throw bad(requestLine, "expected 'METHOD URL' (two words), got '" + lines[i].strip() + "'");
        }
        String method = parts[0];
        if (!METHODS.contains(method)) {
            throw bad(requestLine, "unknown method '" + method + "': use one of GET, POST, PUT, PATCH, DELETE, HEAD");
        }
        URI uri = parseUri(requestLine, parts[1]);
        List<Header> headers = new ArrayList<>();
        for (i++; i < lines.length && !lines[i].isEmpty(); i++) {
            headers.add(parseHeader(i + 1, lines[i]));
        }
        String body = i + 1 < lines.length ? String.join("\n", List.of(lines).subList(i + 1, lines.length)) : "";
        return new HttpRequestText(method, uri, headers, body);
    }

    private static URI parseUri(int line, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad(line, "the URL '" + text + "' is not valid: " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw bad(
                    line, "the URL '" + text + "' is not absolute: write it as http://host/path or https://host/path");
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw bad(line, "the URL scheme '" + uri.getScheme() + "' is not supported: use http or https");
        }
        return uri;
    }

    private static Header parseHeader(int line, String text) {
        if (text.isBlank()) {
            throw bad(line, "a line of only spaces: the blank line before the body must be empty");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw bad(line, "expected a header 'Name: value', got '" + text + "'");
        }
        String name = text.substring(0, colon);
        if (!TOKEN.matcher(name).matches()) {
            throw bad(line, "the header name '" + name + "' has characters a header name may not have");
        }
        if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            throw bad(line, "the header '" + name + "' is set by the client itself: remove it");
        }
        String value = text.substring(colon + 1).strip();
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw bad(line, "the value of header '" + name + "' has a control character");
        }
        return new Header(name, value);
    }

    private static IllegalArgumentException bad(int line, String what) {
        return new IllegalArgumentException("HTTP request line " + line + ": " + what);
    }
}
