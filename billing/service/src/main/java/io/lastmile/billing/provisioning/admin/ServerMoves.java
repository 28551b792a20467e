package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.api.provisioning.ServicePlacement;
import io.lastmile.billing.db.tables.records.ServerRecord;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator moves a user service to another server: its later commands go there. The target
 * must be enabled and have room; its row is locked meanwhile, so two moves cannot overfill it.
 * Nothing runs on either server: what a move means on them (copying an account) is the
 * operator's to do.
 */
@Service
class ServerMoves {

    private final ServerAdminRepository servers;
    private final Clock clock;

    ServerMoves(ServerAdminRepository servers, Clock clock) {
        this.servers = servers;
        this.clock = clock;
    }

    @Transactional
    ServicePlacement move(long userServiceId, Long serverId) {
        if (serverId == null) {
            throw InvalidRequestException.of("serverId", "is required: the server to move the service to");
        }
        ServerAdminRepository.Placed service = servers.lockUserService(userServiceId)
                .orElseThrow(() -> new NotFoundException("user service " + userServiceId + " does not exist"));
        ServerRecord server = servers.lock(serverId).orElseThrow(() -> ServerAdmin.missing(serverId));
        if (serverId.equals(service.serverId())) {
            return new ServicePlacement(userServiceId, serverId, server.getName());
        }
        if (service.removed()) {
            throw new ConflictException(
                    "user service " + userServiceId + " is removed: it has nothing left on any server to move");
        }
        if (!server.getEnabled()) {
            throw new ConflictException(
                    "server '" + server.getName() + "' is disabled: enable it first or choose another");
        }
        Integer max = server.getMaxServices();
        if (max != null) {
            int held = servers.servicesOn(serverId, userServiceId);
            if (held >= max) {
                throw new ConflictException("server '" + server.getName() + "' is full: it holds " + held
                        + " services and takes at most " + max + " (maxServices)");
            }
        }
        servers.place(userServiceId, serverId, clock.instant());
        return new ServicePlacement(userServiceId, serverId, server.getName());
    }
}
