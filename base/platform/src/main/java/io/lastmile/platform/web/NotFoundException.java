package io.lastmile.platform.web;

/** Thrown when the thing a request names does not exist; answered as a 404 problem. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
