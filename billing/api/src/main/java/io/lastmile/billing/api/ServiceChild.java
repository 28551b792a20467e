package io.lastmile.billing.api;

/**
 * A part of a bundle as the operator gives it: a catalog service and how many of it.
 *
 * @param quantity 1 to 1000, default 1
 */
public record ServiceChild(Long serviceId, Integer quantity) {}
