package io.lastmile.billing.provisioning.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to run a provisioning script over SSH.
 *
 * @param host the server's address or name
 * @param port the server's SSH port
 * @param user the account the script runs as
 * @param privateKey the client key, unencrypted, in OpenSSH or PEM format (ed25519, RSA or ECDSA)
 * @param hostKey the server's public key as the operator confirmed it, an OpenSSH line such as
 *     {@code ssh-ed25519 AAAA...}: the only key this target accepts
 * @param connectTimeout bound on connecting, key exchange and authentication
 * @param commandTimeout bound on the script from start to exit
 */
public record SshTarget(
        String host,
        int port,
        String user,
        String privateKey,
        String hostKey,
        Duration connectTimeout,
        Duration commandTimeout) {

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(hostKey, "hostKey");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(commandTimeout, "commandTimeout");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Never shows the private key: targets end up in logs and task views. */
    @Override
    public String toString() {
        return "SshTarget[" + user + "@" + host + ":" + port + ", hostKey=" + hostKey + ", connectTimeout="
                + connectTimeout + ", commandTimeout=" + commandTimeout + ", privateKey=(hidden)]";
    }
}
