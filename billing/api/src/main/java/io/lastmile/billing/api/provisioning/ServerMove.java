package io.lastmile.billing.api.provisioning;

/**
 * Moves a user service to another server: its later commands go there.
 *
 * @param serverId the server to move it to; enabled and not full
 */
public record ServerMove(Long serverId) {}
