package io.lastmile.billing.provisioning.admin;

/** A server the operator asked about did not answer; a 503 problem saying why. */
final class ServerUnreachableException extends RuntimeException {

    ServerUnreachableException(String message) {
        super(message);
    }
}
