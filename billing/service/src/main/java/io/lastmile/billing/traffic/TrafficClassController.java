package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.NewTrafficClass;
import io.lastmile.billing.api.traffic.TrafficClassView;
import io.lastmile.billing.web.RequestReader;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Traffic classes (local, peering ...; the default is internet), part of the catalog. */
@RestController
class TrafficClassController {

    private final TrafficClasses classes;
    private final RequestReader reader;

    TrafficClassController(TrafficClasses classes, RequestReader reader) {
        this.classes = classes;
        this.reader = reader;
    }

    @RequiresPermission(Permissions.CATALOG_READ)
    @GetMapping("/api/v1/traffic/classes")
    List<TrafficClassView> list() {
        return classes.all();
    }

    @RequiresPermission(Permissions.CATALOG_READ)
    @GetMapping("/api/v1/traffic/classes/{code}")
    TrafficClassView get(@PathVariable String code) {
        return classes.get(code);
    }

    @RequiresPermission(Permissions.CATALOG_WRITE)
    @PostMapping("/api/v1/traffic/classes")
    @ResponseStatus(HttpStatus.CREATED)
    TrafficClassView create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = NewTrafficClass.class)))
                    @RequestBody
                    JsonNode request,
            Authentication caller) {
        return classes.create(reader.read(request, NewTrafficClass.class), caller.getName());
    }

    @RequiresPermission(Permissions.CATALOG_WRITE)
    @PatchMapping("/api/v1/traffic/classes/{code}")
    TrafficClassView change(
            @PathVariable String code,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = NewTrafficClass.class)))
                    @RequestBody
                    JsonNode request,
            Authentication caller) {
        return classes.change(code, reader.read(request, NewTrafficClass.class), caller.getName());
    }

    @RequiresPermission(Permissions.CATALOG_WRITE)
    @DeleteMapping("/api/v1/traffic/classes/{code}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String code, Authentication caller) {
        classes.delete(code, caller.getName());
    }
}
