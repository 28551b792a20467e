package io.lastmile.auth.role;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.math.BigDecimal;
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

/** Roles CRUD; the security chain asks auth.admin for every call. */
@RestController
@RequestMapping("/api/v1/roles")
class RoleController {

    private final RoleCatalog roles;

    RoleController(RoleCatalog roles) {
        this.roles = roles;
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @GetMapping
    List<Role> list() {
        return roles.all();
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @GetMapping("/{name}")
    Role get(@PathVariable String name) {
        return roles.get(name);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Role create(@RequestBody Role role) {
        return roles.create(role);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PutMapping("/{name}")
    Role update(@PathVariable String name, @RequestBody RoleChange change) {
        return roles.update(new Role(name, change.description(), change.permissions(), change.correctionLimit()));
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name) {
        roles.delete(name);
    }

    record RoleChange(String description, List<String> permissions, BigDecimal correctionLimit) {}
}
