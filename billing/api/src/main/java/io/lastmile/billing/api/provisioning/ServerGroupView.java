package io.lastmile.billing.api.provisioning;

import java.time.Instant;

/**
 * A server group.
 *
 * @param servers how many servers are in it
 * @param bindings how many event bindings run their commands on it
 */
public record ServerGroupView(long id, String name, String strategy, int servers, int bindings, Instant createdAt) {}
