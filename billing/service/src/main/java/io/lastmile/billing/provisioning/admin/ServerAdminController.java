package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.api.provisioning.HostKey;
import io.lastmile.billing.api.provisioning.ServerMove;
import io.lastmile.billing.api.provisioning.ServerRequest;
import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.api.provisioning.ServicePlacement;
import io.lastmile.billing.web.RequestReader;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The operator's servers, their pinned SSH host keys, and moving a user service to another
 * server. Bodies are read as JSON first (see {@link RequestReader}); the OpenAPI document still shows
 * their records.
 */
@RestController
class ServerAdminController {

    private static final String SERVERS = "/api/v1/provisioning/servers";

    private final ServerAdmin servers;
    private final HostKeyPins hostKeys;
    private final ServerMoves placements;
    private final RequestReader reader;

    ServerAdminController(ServerAdmin servers, HostKeyPins hostKeys, ServerMoves placements, RequestReader reader) {
        this.servers = servers;
        this.hostKeys = hostKeys;
        this.placements = placements;
        this.reader = reader;
    }

    @RequiresPermission({Permissions.PROVISIONING_READ, Permissions.SERVERS_READ})
    @GetMapping(SERVERS)
    List<ServerView> list(@RequestParam(required = false) Long groupId) {
        return servers.list(groupId);
    }

    @RequiresPermission({Permissions.PROVISIONING_READ, Permissions.SERVERS_READ})
    @GetMapping(SERVERS + "/{id}")
    ServerView get(@PathVariable long id) {
        return servers.get(id);
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping(SERVERS)
    @ResponseStatus(HttpStatus.CREATED)
    ServerView create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ServerRequest.class)))
                    @RequestBody
                    JsonNode request) {
        return servers.create(reader.read(request, ServerRequest.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PutMapping(SERVERS + "/{id}")
    ServerView replace(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ServerRequest.class)))
                    @RequestBody
                    JsonNode request) {
        return servers.replace(id, reader.read(request, ServerRequest.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @DeleteMapping(SERVERS + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        servers.delete(id);
    }

    /** Connects to the SSH server and answers the host key it offers, keeping nothing. */
    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping(SERVERS + "/{id}/host-key/scan")
    HostKey scan(@PathVariable long id) {
        return hostKeys.scan(id);
    }

    /** Pins the host key, if the fingerprint sent matches it. */
    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PutMapping(SERVERS + "/{id}/host-key")
    ServerView pin(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = HostKey.class)))
                    @RequestBody
                    JsonNode request) {
        return hostKeys.pin(id, reader.read(request, HostKey.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PutMapping("/api/v1/user-services/{id}/server")
    ServicePlacement move(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ServerMove.class)))
                    @RequestBody
                    JsonNode request) {
        return placements.move(id, reader.read(request, ServerMove.class).serverId());
    }
}
