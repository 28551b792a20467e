package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.provisioning.mail.MailSettings;
import io.lastmile.platform.web.InvalidRequestException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a server's fields and settings must be for its transport. Settings may hold more keys
 * than the transport reads (templates see them as {@code us.server.settings}); the keys a transport
 * reads are checked here, so that a mistake shows when the server is saved, not when a command
 * fails at night.
 */
final class ServerRules {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,253}[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[A-Za-z0-9]+)?");

    private ServerRules() {}

    static void host(InvalidRequestException.Collector p, String host) {
        if (host == null) {
            p.add("host", "is required");
        } else if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            p.add(
                    "host",
                    "'" + host + "' must be a host name or IP address such as vpn1.isp.example or 10.0.0.5,"
                            + " without scheme, user or port");
        }
    }

    /** The credential kinds a transport can use. */
    static Set<String> credentialKinds(Transport transport) {
        return switch (transport) {
            case SSH -> Set.of("SSH_KEY");
            case MAIL -> Set.of("PASSWORD");
            case HTTP -> Set.of("TOKEN", "PASSWORD");
        };
    }

    /** The port when none is given: the transport's usual one, for MAIL and HTTP read from the settings. */
    static int defaultPort(Transport transport, Map<String, Object> settings) {
        if (transport == Transport.MAIL) {
            return switch (String.valueOf(settings.get("security"))) {
                case "TLS" -> 465;
                case "NONE" -> 25;
                default -> 587;
            };
        }
        if (transport == Transport.HTTP && settings.get("baseUrl") instanceof String url) {
            try {
                URI uri = new URI(url);
                return uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
            } catch (URISyntaxException e) {
                return transport.defaultPort; // reported by the settings check
            }
        }
        return transport.defaultPort;
    }

    /** Checks the settings the transport reads; each problem is named {@code settings.<key>}. */
    static void settings(
            InvalidRequestException.Collector p,
            Transport transport,
            String host,
            int port,
            Map<String, Object> settings) {
        switch (transport) {
            case MAIL -> mail(p, host, port, settings);
            case HTTP -> http(p, settings);
            case SSH -> {}
        }
    }

    private static void mail(InvalidRequestException.Collector p, String host, int port, Map<String, Object> s) {
        MailSettings.Security security = null;
        Object given = s.get("security");
        if (given == null) {
            p.add("settings.security", "is required for a MAIL server: NONE, STARTTLS or TLS");
        } else if (!(given instanceof String text)) {
            p.add("settings.security", "must be NONE, STARTTLS or TLS");
        } else {
            security = Rules.value(p, "settings.security", MailSettings.Security.class, text);
        }
        String from = null;
        Object sender = s.get("from");
        if (sender == null) {
            p.add("settings.from", "is required for a MAIL server: the sender, e.g. \"Billing <billing@isp.example>\"");
        } else if (!(sender instanceof String text) || text.isBlank()) {
            p.add("settings.from", "must be an address such as \"Billing <billing@isp.example>\"");
        } else {
            try {
                new InternetAddress(text, true);
                from = text;
            } catch (AddressException e) {
                p.add("settings.from", "'" + text + "' is not a mail address: " + e.getMessage());
            }
        }
        Set<String> trustHosts = trustHosts(p, s.get("trustHosts"));
        if (security != null
                && from != null
                && trustHosts != null
                && host != null
                && !p.has("host")
                && !p.has("port")) {
            try {
                new MailSettings(
                        host,
                        port,
                        security,
                        null,
                        null,
                        from,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        trustHosts);
            } catch (IllegalArgumentException e) {
                p.add("settings", e.getMessage());
            }
        }
    }

    private static Set<String> trustHosts(InvalidRequestException.Collector p, Object given) {
        if (given == null) {
            return Set.of();
        }
        if (!(given instanceof List<?> list) || !list.stream().allMatch(h -> h instanceof String t && !t.isBlank())) {
            p.add("settings.trustHosts", "must be a list of host names, e.g. [\"smtp.isp.example\"]");
            return null;
        }
        Set<String> hosts = new HashSet<>();
        list.forEach(h -> hosts.add((String) h));
        if (hosts.contains("*")) {
            p.add("settings.trustHosts", "'*' would accept any certificate: list the host names");
            return null;
        }
        return hosts;
    }

    private static void http(InvalidRequestException.Collector p, Map<String, Object> s) {
        Object given = s.get("baseUrl");
        if (given == null) {
            return;
        }
        String problem = "must be an absolute http:// or https:// URL such as https://api.isp.example/v1";
        if (!(given instanceof String url)) {
            p.add("settings.baseUrl", problem);
            return;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equalsIgnoreCase("http")
                            || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                p.add("settings.baseUrl", "'" + url + "' " + problem);
            } else if (uri.getRawUserInfo() != null) {
                p.add(
                        "settings.baseUrl",
                        "must not carry a user or password: keep them in a credential (credentialsRef)");
            }
        } catch (URISyntaxException e) {
            p.add("settings.baseUrl", "'" + url + "' " + problem);
        }
    }
}
