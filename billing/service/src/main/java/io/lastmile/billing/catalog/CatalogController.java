package io.lastmile.billing.catalog;

import io.lastmile.billing.api.NewPrice;
import io.lastmile.billing.api.NewService;
import io.lastmile.billing.api.Page;
import io.lastmile.billing.api.PriceView;
import io.lastmile.billing.api.ServicePatch;
import io.lastmile.billing.api.ServiceView;
import io.lastmile.billing.web.RequestReader;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The operator's catalog: services (tariffs, options, one-off fees, bundles) and their price
 * versions. Bodies are read as JSON first (see {@link RequestReader}); the OpenAPI document still
 * shows their records.
 */
@RestController
class CatalogController {

    private final CatalogAdmin catalog;
    private final RequestReader reader;

    CatalogController(CatalogAdmin catalog, RequestReader reader) {
        this.catalog = catalog;
        this.reader = reader;
    }

    @RequiresPermission(Permissions.CATALOG_READ)
    @GetMapping("/api/v1/catalog/services")
    Page<ServiceView> search(
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Boolean orderable,
            @RequestParam(defaultValue = "false") boolean includeArchived,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return catalog.search(new ServiceQuery(category, name, orderable, includeArchived), page, size);
    }

    @RequiresPermission(Permissions.CATALOG_READ)
    @GetMapping("/api/v1/catalog/services/{id}")
    ServiceView get(@PathVariable long id) {
        return catalog.get(id);
    }

    @RequiresPermission(Permissions.CATALOG_WRITE)
    @PostMapping("/api/v1/catalog/services")
    @ResponseStatus(HttpStatus.CREATED)
    ServiceView create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = NewService.class)))
                    @RequestBody
                    JsonNode request,
            Authentication caller) {
        return catalog.create(reader.read(request, NewService.class), caller.getName());
    }

    @RequiresPermission(Permissions.CATALOG_WRITE)
    @PatchMapping("/api/v1/catalog/services/{id}")
    ServiceView change(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ServicePatch.class)))
                    @RequestBody
                    JsonNode patch) {
        return catalog.change(id, reader.read(patch, ServicePatch.class), RequestReader.fields(patch));
    }

    @RequiresPermission(Permissions.CATALOG_READ)
    @GetMapping("/api/v1/catalog/services/{id}/prices")
    List<PriceView> prices(@PathVariable long id) {
        return catalog.prices(id);
    }

    @RequiresPermission(Permissions.CATALOG_WRITE)
    @PostMapping("/api/v1/catalog/services/{id}/prices")
    @ResponseStatus(HttpStatus.CREATED)
    PriceView addPrice(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = NewPrice.class)))
                    @RequestBody
                    JsonNode request,
            Authentication caller) {
        return catalog.addPrice(id, reader.read(request, NewPrice.class), caller.getName());
    }
}
