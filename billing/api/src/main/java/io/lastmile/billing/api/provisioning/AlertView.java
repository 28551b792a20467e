package io.lastmile.billing.api.provisioning;

import java.time.Instant;

/** Something operators must look at, such as a command out of retries; open until resolved. */
public record AlertView(
        long id,
        String kind,
        String severity,
        String message,
        Long accountId,
        Long userServiceId,
        Long taskId,
        Instant createdAt,
        Instant resolvedAt,
        String resolvedBy) {}
