package io.lastmile.billing.api;

import java.time.Instant;

/** One entry of a user service's history: a status change or an event it raised. */
public record UserServiceEventView(String event, String from, String to, String detail, String actor, Instant at) {}
