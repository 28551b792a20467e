package io.lastmile.billing.api.provisioning;

import java.time.Instant;
import java.util.List;

/** A spool task: one command of one event (or a periodic job run), and where it stands. */
public record TaskView(
        long id,
        String kind,
        String event,
        String job,
        Long userServiceId,
        Long accountId,
        Long bindingId,
        Long serverId,
        String status,
        int attempts,
        int maxAttempts,
        Instant runAfter,
        String lastMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        List<Long> waitsFor) {}
