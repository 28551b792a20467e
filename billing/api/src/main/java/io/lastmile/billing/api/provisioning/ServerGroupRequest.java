package io.lastmile.billing.api.provisioning;

/**
 * A server group to create, or the whole of one to replace (PUT).
 *
 * @param name 1 to 100 characters, unique among groups
 * @param strategy how a new service's server is chosen among the group's enabled servers that are
 *     not full: RANDOM, LEAST_LOADED (fewest services), FILL (the first until it is full) or
 *     WEIGHTED (random in proportion to each server's weight)
 */
public record ServerGroupRequest(String name, String strategy) {}
