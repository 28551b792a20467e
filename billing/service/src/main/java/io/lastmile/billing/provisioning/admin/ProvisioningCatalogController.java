package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.api.provisioning.BindingRequest;
import io.lastmile.billing.api.provisioning.BindingView;
import io.lastmile.billing.api.provisioning.ServerGroupRequest;
import io.lastmile.billing.api.provisioning.ServerGroupView;
import io.lastmile.billing.api.provisioning.TemplateRequest;
import io.lastmile.billing.api.provisioning.TemplateView;
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

/** The operator's server groups, templates and event bindings. */
@RestController
class ProvisioningCatalogController {

    private static final String GROUPS = "/api/v1/provisioning/groups";
    private static final String TEMPLATES = "/api/v1/provisioning/templates";
    private static final String BINDINGS = "/api/v1/provisioning/bindings";

    private final GroupAdmin groups;
    private final TemplateAdmin templates;
    private final BindingAdmin bindings;
    private final RequestReader reader;

    ProvisioningCatalogController(
            GroupAdmin groups, TemplateAdmin templates, BindingAdmin bindings, RequestReader reader) {
        this.groups = groups;
        this.templates = templates;
        this.bindings = bindings;
        this.reader = reader;
    }

    // --- server groups ---

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping(GROUPS)
    List<ServerGroupView> groups() {
        return groups.list();
    }

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping(GROUPS + "/{id}")
    ServerGroupView group(@PathVariable long id) {
        return groups.get(id);
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping(GROUPS)
    @ResponseStatus(HttpStatus.CREATED)
    ServerGroupView createGroup(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ServerGroupRequest.class)))
                    @RequestBody
                    JsonNode request) {
        return groups.create(reader.read(request, ServerGroupRequest.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PutMapping(GROUPS + "/{id}")
    ServerGroupView replaceGroup(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ServerGroupRequest.class)))
                    @RequestBody
                    JsonNode request) {
        return groups.replace(id, reader.read(request, ServerGroupRequest.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @DeleteMapping(GROUPS + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteGroup(@PathVariable long id) {
        groups.delete(id);
    }

    // --- templates ---

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping(TEMPLATES)
    List<TemplateView> templates() {
        return templates.list();
    }

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping(TEMPLATES + "/{id}")
    TemplateView template(@PathVariable long id) {
        return templates.get(id);
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping(TEMPLATES)
    @ResponseStatus(HttpStatus.CREATED)
    TemplateView createTemplate(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = TemplateRequest.class)))
                    @RequestBody
                    JsonNode request) {
        return templates.create(reader.read(request, TemplateRequest.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PutMapping(TEMPLATES + "/{id}")
    TemplateView replaceTemplate(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = TemplateRequest.class)))
                    @RequestBody
                    JsonNode request) {
        return templates.replace(id, reader.read(request, TemplateRequest.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @DeleteMapping(TEMPLATES + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTemplate(@PathVariable long id) {
        templates.delete(id);
    }

    // --- event bindings ---

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping(BINDINGS)
    List<BindingView> bindings(@RequestParam(required = false) String event) {
        return bindings.list(event);
    }

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping(BINDINGS + "/{id}")
    BindingView binding(@PathVariable long id) {
        return bindings.get(id);
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping(BINDINGS)
    @ResponseStatus(HttpStatus.CREATED)
    BindingView createBinding(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = BindingRequest.class)))
                    @RequestBody
                    JsonNode request) {
        return bindings.create(reader.read(request, BindingRequest.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PutMapping(BINDINGS + "/{id}")
    BindingView replaceBinding(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = BindingRequest.class)))
                    @RequestBody
                    JsonNode request) {
        return bindings.replace(id, reader.read(request, BindingRequest.class));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @DeleteMapping(BINDINGS + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteBinding(@PathVariable long id) {
        bindings.delete(id);
    }
}
