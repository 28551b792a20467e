package io.lastmile.billing.provisioning.run;

import io.lastmile.billing.api.provisioning.RenderedText;
import io.lastmile.billing.api.provisioning.TemplateTest;
import io.lastmile.billing.provisioning.template.ServiceStore;
import io.lastmile.billing.provisioning.template.TemplateException;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders a template for a service as its command would, and runs nothing: what it writes to the
 * service's storage is dropped, and a password not yet generated shows as a placeholder (a stored
 * one as well: a preview is no way to read a secret).
 */
@RestController
class TemplatePreview {

    static final String PASSWORD_PLACEHOLDER = "(password: generated and kept when the command runs)";

    private final CommandRepository repository;
    private final CommandRunner runner;
    private final ServiceStore store;

    TemplatePreview(CommandRepository repository, CommandRunner runner, ServiceStore store) {
        this.repository = repository;
        this.runner = runner;
        this.store = store;
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping("/api/v1/provisioning/templates/{id}/test")
    @ResponseStatus(HttpStatus.OK)
    @Transactional(readOnly = true)
    RenderedText test(@PathVariable long id, @RequestBody TemplateTest request) {
        CommandContext.Template template =
                repository.templateById(id).orElseThrow(() -> new NotFoundException("no template with id " + id));
        var problems = new InvalidRequestException.Collector();
        if (request.event() == null || request.event().isBlank()) {
            problems.add("event", "is required, e.g. CREATE");
        }
        if (request.userServiceId() == null && request.accountId() == null) {
            problems.add("userServiceId", "give a user service (or an accountId for an account event)");
        }
        problems.throwIfAny();
        CommandContext.Service service = request.userServiceId() == null
                ? null
                : repository
                        .service(request.userServiceId())
                        .orElseThrow(() -> InvalidRequestException.of(
                                "userServiceId", "no user service with id " + request.userServiceId()));
        Long accountId = request.accountId() != null
                ? request.accountId()
                : repository.accountOfService(request.userServiceId()).orElse(null);
        CommandContext.Account account =
                accountId == null ? null : repository.account(accountId).orElse(null);
        Long serverId = request.serverId() != null
                ? request.serverId()
                : service == null
                        ? null
                        : repository.serverOfService(service.id()).orElse(null);
        CommandContext.Server server =
                serverId == null ? null : repository.server(serverId).orElse(null);
        var task = new CommandContext.Task(
                0, "COMMAND", null, request.event(), service == null ? null : service.id(), accountId, 60, Map.of());
        try {
            CommandRunner.Rendered rendered = runner.render(
                    new CommandContext(task, template, server, service, account, null), new ReadOnlyStore(store));
            return new RenderedText(
                    rendered.text(),
                    rendered.events().stream()
                            .map(e -> new RenderedText.Event(e.name(), e.data()))
                            .toList());
        } catch (TemplateException e) {
            throw InvalidRequestException.of("template", e.getMessage());
        }
    }

    /** Reads what is stored, writes nothing, and never shows the service's password. */
    private record ReadOnlyStore(ServiceStore store) implements ServiceStore {
        @Override
        public String passwordIfAbsent(long userServiceId, String candidate) {
            return PASSWORD_PLACEHOLDER;
        }

        @Override
        public Optional<String> read(long userServiceId, String name) {
            return store.read(userServiceId, name);
        }

        @Override
        public void write(long userServiceId, String name, String value) {}
    }
}
