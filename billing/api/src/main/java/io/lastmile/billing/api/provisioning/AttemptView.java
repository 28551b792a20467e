package io.lastmile.billing.api.provisioning;

import java.time.Instant;

/** One attempt of a task: when it ran, how it ended (SUCCESS, RETRY, FAIL) and its exit status. */
public record AttemptView(
        int number, Instant startedAt, Instant endedAt, String outcome, Integer exitStatus, String message) {}
