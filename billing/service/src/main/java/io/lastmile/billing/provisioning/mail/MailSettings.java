package io.lastmile.billing.provisioning.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach the operator's SMTP server.
 *
 * @param host the SMTP server's name or address
 * @param port its port (25/587 for NONE or STARTTLS, 465 for TLS)
 * @param security how the connection is protected
 * @param username the login, or null to send without AUTH
 * @param password the password; never in {@link #toString()}
 * @param from the sender address, e.g. {@code "Billing <billing@isp.example>"}
 * @param connectTimeout how long to wait for the TCP (and TLS) connection
 * @param readTimeout how long to wait for each answer of the server
 * @param trustHosts hosts whose certificate is accepted as presented, without a CA chain or a
 *     name check: for a server with a private CA or a self-signed test certificate
 */
public record MailSettings(
        String host,
        int port,
        Security security,
        String username,
        String password,
        String from,
        Duration connectTimeout,
        Duration readTimeout,
        Set<String> trustHosts) {

    /** NONE sends in clear; STARTTLS upgrades and refuses to go on in clear; TLS is SMTPS. */
    public enum Security {
        NONE,
        STARTTLS,
        TLS
    }

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("mail port " + port + " is not a TCP port (1-65535)");
        }
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("mail sender '" + from + "' is not an address: " + e.getMessage());
        }
        trustHosts = trustHosts == null ? Set.of() : Set.copyOf(trustHosts);
        if (trustHosts.contains("*")) {
            throw new IllegalArgumentException("trustHosts '*' would accept any certificate: list the host names");
        }
    }

    /** Whether this server's certificate is trusted as presented (see {@code trustHosts}). */
    boolean trustsHostCertificate() {
        return trustHosts.contains(host);
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                + ", password=" + (password == null ? "null" : "***") + ", from=" + from + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", trustHosts=" + trustHosts + "]";
    }
}
