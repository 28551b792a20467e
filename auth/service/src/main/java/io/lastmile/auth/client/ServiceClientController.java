package io.lastmile.auth.client;

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

    @GetMapping
    List<ServiceClients.ClientView> list() {
        return clients.all();
    }

    @GetMapping("/{clientId}")
    ServiceClients.ClientView get(@PathVariable String clientId) {
        return clients.get(clientId);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ServiceClients.NewSecret create(@RequestBody ServiceClients.ClientRequest request) {
        return clients.create(request);
    }

    @PutMapping("/{clientId}")
    ServiceClients.ClientView update(@PathVariable String clientId, @RequestBody ServiceClients.ClientRequest request) {
        return clients.update(clientId, request);
    }

    @PostMapping("/{clientId}/secret")
    ServiceClients.NewSecret rotate(@PathVariable String clientId) {
        return clients.rotateSecret(clientId);
    }

    @DeleteMapping("/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String clientId) {
        clients.delete(clientId);
    }
}
