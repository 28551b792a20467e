package io.lastmile.platform.web;

/** Thrown when a request clashes with what is already there (a taken number, a used key); a 409 problem. */
public class ConflictException extends RuntimeException {

    public ConflictException(String what) {
        super(what);
    }
}
