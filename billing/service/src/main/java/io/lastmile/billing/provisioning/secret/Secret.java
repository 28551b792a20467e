package io.lastmile.billing.provisioning.secret;

/**
 * A credential opened for use by the task runner: never logged, never answered over HTTP.
 *
 * @param kind what {@code value} is
 * @param username the login it goes with, or null
 * @param value the private key text, password or token
 */
public record Secret(CredentialKind kind, String username, String value) {

    /** Never shows the value. */
    @Override
    public String toString() {
        return "Secret[kind=" + kind + ", username=" + username + ", value=(hidden)]";
    }
}
