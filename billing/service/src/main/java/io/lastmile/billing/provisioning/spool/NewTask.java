package io.lastmile.billing.provisioning.spool;

/**
 * A task to add: a command of an event for a service (or a periodic job), with its retry policy.
 * A WAITING task (a bundle's parent) is not run until what it waits for has succeeded.
 */
public record NewTask(
        String kind,
        Long userServiceId,
        Long eventId,
        String event,
        Long bindingId,
        Long serverId,
        boolean waiting,
        int priority,
        int maxAttempts,
        int backoffSeconds,
        int timeoutSeconds) {}
