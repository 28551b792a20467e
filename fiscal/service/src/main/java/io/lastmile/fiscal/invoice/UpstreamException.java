package io.lastmile.fiscal.invoice;

import org.springframework.http.HttpStatus;

/** A peer fiscal needs did not answer: 502 for a payment provider, 503 for billing. */
class UpstreamException extends RuntimeException {

    private final HttpStatus status;

    UpstreamException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
