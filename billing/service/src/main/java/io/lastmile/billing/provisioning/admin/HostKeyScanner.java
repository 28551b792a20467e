package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.provisioning.ssh.SshTransport;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Asks SSH servers for their host key, through an SSH client of its own started on first use:
 * registering a server is rare, and the application need not run a client for it otherwise.
 */
@Component
class HostKeyScanner implements DisposableBean {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SshTransport transport;

    /** The key {@code host:port} offers, as an OpenSSH line; IOException says why there is none. */
    String scan(String host, int port) throws IOException {
        return transport().hostKey(host, port, TIMEOUT);
    }

    private synchronized SshTransport transport() {
        if (transport == null) {
            transport = new SshTransport();
        }
        return transport;
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }
}
