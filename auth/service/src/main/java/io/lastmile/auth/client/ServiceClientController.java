package io.lastmile.auth.client;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Service clients CRUD and secret rotation; the security chain asks auth.admin. */
@RestController
@RequestMapping("/api/v1/clients")
class ServiceClientController {

    private final ServiceClients clients;

    ServiceClientController(ServiceClients clients) {
        this.clients = clients;
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @GetMapping
    List<ServiceClients.ClientView> list() {
        return clients.all();
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @GetMapping("/{clientId}")
    ServiceClients.ClientView get(@PathVariable String clientId) {
        return clients.get(clientId);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ServiceClients.NewSecret create(@RequestBody ServiceClients.ClientRequest request) {
        return clients.create(request);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PutMapping("/{clientId}")
    ServiceClients.ClientView update(@PathVariable String clientId, @RequestBody ServiceClients.ClientRequest request) {
        return clients.update(clientId, request);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping("/{clientId}/secret")
    ServiceClients.NewSecret rotate(@PathVariable String clientId) {
        return clients.rotateSecret(clientId);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @DeleteMapping("/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String clientId) {
        clients.delete(clientId);
    }
}
