package io.lastmile.billing.api.provisioning;

import java.time.Instant;

/**
 * A stored credential as billing shows it: never its secret.
 *
 * @param name how servers refer to it ({@code server.credentialsRef})
 * @param kind SSH_KEY, PASSWORD or TOKEN
 * @param username the login it goes with, if any
 * @param fingerprint for an SSH key, its {@code SHA256:...} fingerprint as {@code ssh-keygen -lf} prints it
 * @param publicKey for an SSH key, its public half as an authorized_keys line
 */
public record CredentialView(
        String name,
        String kind,
        String username,
        String fingerprint,
        String publicKey,
        Instant createdAt,
        Instant updatedAt) {}
