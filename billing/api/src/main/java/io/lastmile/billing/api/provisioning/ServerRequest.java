package io.lastmile.billing.api.provisioning;

import java.util.Map;

/**
 * A server to create, or the whole of one to replace (PUT). The pinned SSH host key is not part of
 * it: it changes only through {@code PUT /api/v1/provisioning/servers/{id}/host-key}.
 *
 * @param groupId the group it serves in, or null for a server bound directly
 * @param transport SSH, HTTP or MAIL
 * @param host a host name or IP address (no scheme, no port)
 * @param port default 22 for SSH, 443 for HTTP, for MAIL 465 (TLS), 587 (STARTTLS) or 25 (NONE)
 * @param credentialsRef the name of a stored credential: an SSH_KEY for SSH (required before it is
 *     enabled), a PASSWORD for MAIL, a TOKEN or PASSWORD for HTTP
 * @param enabled whether commands go to it; absent: unchanged on PUT, and on create true when it
 *     can be (an SSH server without a pinned host key starts disabled)
 * @param weight 1 to 1000 (default 1), for the WEIGHTED strategy
 * @param maxServices how many services it takes at most (0 or more), or null for no limit
 * @param settings a JSON object the transport reads (MAIL: {@code security} NONE, STARTTLS or TLS,
 *     {@code from} the sender address, {@code trustHosts}; HTTP: optional {@code baseUrl}) and
 *     templates see as {@code us.server.settings}
 */
public record ServerRequest(
        String name,
        Long groupId,
        String transport,
        String host,
        Integer port,
        String credentialsRef,
        Boolean enabled,
        Integer weight,
        Integer maxServices,
        Map<String, Object> settings) {}
