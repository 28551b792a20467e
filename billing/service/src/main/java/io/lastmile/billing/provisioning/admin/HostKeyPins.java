package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.api.provisioning.HostKey;
import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.db.tables.records.ServerRecord;
import io.lastmile.billing.provisioning.CatalogChanged;
import io.lastmile.billing.provisioning.ssh.SshTransport;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import java.io.IOException;
import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Pinning an SSH server's host key in two steps: a scan shows the key the server offers and its
 * fingerprint without keeping anything; the operator compares the fingerprint with the one the
 * server itself shows and pins the key by sending both back. A pinned key changes the same way.
 */
@Service
class HostKeyPins {

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

    private final ServerAdminRepository servers;
    private final HostKeyScanner scanner;
    private final CatalogChanges changes;
    private final Clock clock;

    HostKeyPins(ServerAdminRepository servers, HostKeyScanner scanner, CatalogChanges changes, Clock clock) {
        this.servers = servers;
        this.scanner = scanner;
        this.changes = changes;
        this.clock = clock;
    }

    /** Connects to the server (no transaction is held meanwhile) and answers the key it offers. */
    HostKey scan(long id) {
        ServerRecord s = servers.record(id).orElseThrow(() -> ServerAdmin.missing(id));
        requireSsh(s);
        String line;
        try {
            line = scanner.scan(s.getHost(), s.getPort());
        } catch (IOException e) {
            throw new ServerUnreachableException("cannot read the host key of server '" + s.getName() + "' at "
                    + s.getHost() + ":" + s.getPort() + ": " + reason(e)
                    + "; check the host and port, and that sshd runs and this appliance may reach it");
        }
        return new HostKey(line, SshTransport.fingerprint(line));
    }

    ServerView pin(long id, HostKey r) {
        return changes.commit(CatalogChanged.SERVERS, () -> {
            ServerRecord s = servers.lock(id).orElseThrow(() -> ServerAdmin.missing(id));
            requireSsh(s);
            var p = new InvalidRequestException.Collector();
            String line = r.hostKey() == null ? null : r.hostKey().strip().replaceAll("\\s+", " ");
            String actual = null;
            if (line == null || line.isEmpty()) {
                p.add("hostKey", "is required: the OpenSSH line the scan answered, e.g. ssh-ed25519 AAAA...");
            } else {
                try {
                    actual = SshTransport.fingerprint(line);
                } catch (IllegalArgumentException e) {
                    p.add("hostKey", e.getMessage());
                }
            }
            String fingerprint =
                    r.fingerprint() == null ? null : r.fingerprint().strip();
            if (fingerprint == null || fingerprint.isEmpty()) {
                p.add("fingerprint", "is required: the key's SHA256 fingerprint, as you compared it with the server's");
            } else if (!FINGERPRINT.matcher(fingerprint).matches()) {
                p.add(
                        "fingerprint",
                        "must be a SHA256 fingerprint as ssh-keygen -l prints it, e.g. SHA256:"
                                + "nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8");
            } else if (actual != null && !actual.equals(fingerprint)) {
                p.add(
                        "fingerprint",
                        "does not match the host key: nothing was pinned; scan again and compare the fingerprint"
                                + " with the server's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)");
            }
            p.throwIfAny();
            s.setHostKey(line);
            servers.update(s, clock.instant());
            return servers.find(id).orElseThrow();
        });
    }

    private static void requireSsh(ServerRecord s) {
        if (!Transport.SSH.name().equals(s.getTransport())) {
            throw new ConflictException(
                    "server '" + s.getName() + "' uses " + s.getTransport() + ": only SSH servers have host keys");
        }
    }

    /** The deepest cause's own words ("Connection refused"), else the exception's. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !root.getMessage().isBlank()) {
            return root.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
