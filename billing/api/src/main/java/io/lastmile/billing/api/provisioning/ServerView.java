package io.lastmile.billing.api.provisioning;

import java.time.Instant;
import java.util.Map;

/**
 * A server commands run on.
 *
 * @param hostKey the SSH host key the operator pinned, an OpenSSH line, or null
 * @param hostKeyFingerprint its {@code SHA256:...} fingerprint as {@code ssh-keygen -l} prints it
 * @param services how many user services (not removed) are placed on it
 */
public record ServerView(
        long id,
        String name,
        Long groupId,
        String transport,
        String host,
        int port,
        String credentialsRef,
        String hostKey,
        String hostKeyFingerprint,
        boolean enabled,
        int weight,
        Integer maxServices,
        int services,
        Map<String, Object> settings,
        Instant createdAt,
        Instant updatedAt) {}
