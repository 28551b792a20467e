package io.lastmile.billing.provisioning.spool;

/** A task as a worker took it: what to run, and which attempt this is. */
public record SpoolTask(
        long id,
        String kind,
        Long userServiceId,
        Long accountId,
        String event,
        Long bindingId,
        Long serverId,
        int attempt,
        int maxAttempts,
        int backoffSeconds,
        int timeoutSeconds) {}
