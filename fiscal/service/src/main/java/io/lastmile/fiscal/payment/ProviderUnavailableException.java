package io.lastmile.fiscal.payment;

/** A provider's API did not answer, or answered with an error (the message says which). */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
