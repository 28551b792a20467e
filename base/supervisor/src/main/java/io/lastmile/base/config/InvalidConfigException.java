package io.lastmile.base.config;

/** The appliance configuration cannot be run as written; the message says what to fix. */
public class InvalidConfigException extends RuntimeException {

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
