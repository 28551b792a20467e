package io.lastmile.fiscal.book;

/** Published after a booking committed an outbox entry: the outbox job may post it now. */
public record OutboxQueued(long paymentId) {}
