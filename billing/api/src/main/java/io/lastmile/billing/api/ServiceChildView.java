package io.lastmile.billing.api;

/** A part of a bundle: the child service, its name, and how many of it the bundle holds. */
public record ServiceChildView(long serviceId, String name, int quantity) {}
