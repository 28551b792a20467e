package io.lastmile.billing.api.provisioning;

/** The server a user service's commands go to. */
public record ServicePlacement(long userServiceId, long serverId, String serverName) {}
