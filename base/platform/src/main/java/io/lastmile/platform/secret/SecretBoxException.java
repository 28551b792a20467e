package io.lastmile.platform.secret;

/**
 * A key file that cannot be used, or a sealed value that cannot be opened. The message says which
 * and what to do; it never holds key material or a secret.
 */
public class SecretBoxException extends RuntimeException {

    public SecretBoxException(String message) {
        super(message);
    }

    public SecretBoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
