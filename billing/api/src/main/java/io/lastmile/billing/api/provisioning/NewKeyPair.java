package io.lastmile.billing.api.provisioning;

/**
 * An SSH key pair for billing to generate: billing keeps the private half, the answer shows the
 * public half to add to the servers' authorized_keys.
 *
 * @param username the login on the servers
 */
public record NewKeyPair(String username) {}
