package io.lastmile.billing.api.provisioning;

/**
 * A credential to store (or to replace the one of the same name).
 *
 * @param kind SSH_KEY (an unencrypted ed25519 or RSA ≥ 2048 private key, OpenSSH or PEM format),
 *     PASSWORD or TOKEN
 * @param username the login it goes with: required for SSH_KEY, optional otherwise
 * @param secret the private key, password or token; stored encrypted and never shown again
 */
public record NewCredential(String kind, String username, String secret) {

    /** Never shows the secret: requests end up in debug logs. */
    @Override
    public String toString() {
        return "NewCredential[kind=" + kind + ", username=" + username + ", secret=(hidden)]";
    }
}
