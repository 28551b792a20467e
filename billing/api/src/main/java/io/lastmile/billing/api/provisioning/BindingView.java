package io.lastmile.billing.api.provisioning;

import java.time.Instant;

/** An event binding: an event and category pattern → a template run on a server or a group. */
public record BindingView(
        long id,
        String event,
        String categoryPattern,
        long templateId,
        Long serverId,
        Long groupId,
        int timeoutSeconds,
        int maxAttempts,
        int backoffSeconds,
        int position,
        boolean enabled,
        Instant createdAt) {}
