package io.lastmile.billing.provisioning.template;

import java.util.Optional;

/**
 * Values kept per user service for its templates: the generated password and named multi-line
 * values (a VPN key sent back by a script, which the subscriber downloads later). The real store is
 * in PostgreSQL and encrypted; templates reach it only through the functions of {@link Templates}.
 */
public interface ServiceStore {

    /**
     * Stores {@code candidate} as the service's password unless it already has one, and answers the
     * one stored. Must be atomic, so that two renders at once agree on one password.
     */
    String passwordIfAbsent(long userServiceId, String candidate);

    /** The value stored under {@code name} for the service, if any. */
    Optional<String> read(long userServiceId, String name);

    /** Stores {@code value} under {@code name} for the service, replacing what was there. */
    void write(long userServiceId, String name, String value);
}
