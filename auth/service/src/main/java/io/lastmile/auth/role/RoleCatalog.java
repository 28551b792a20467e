package io.lastmile.auth.role;

import io.lastmile.auth.audit.Audit;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.Roles;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The roles operators hold, and what a set of roles grants. */
@Service
public class RoleCatalog {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    /** Names a token gets without a role row: they are not operator roles. */
    static final Set<String> RESERVED = Set.of(Roles.SERVICE, Roles.SUBSCRIBER);

    private final RoleRepository repository;
    private final Audit audit;

    RoleCatalog(RoleRepository repository, Audit audit) {
        this.repository = repository;
        this.audit = audit;
    }

    public List<Role> all() {
        return repository.all();
    }

    public Role get(String name) {
        return repository.find(name).orElseThrow(() -> new NotFoundException("no role named '" + name + "'"));
    }

    /** The grants of these roles; names that are not (or no longer) roles grant nothing. */
    public Grants grants(Collection<String> roleNames) {
        return Grants.of(roleNames.isEmpty() ? List.of() : repository.named(roleNames));
    }

    /** The names among these that are not roles. */
    public Set<String> unknown(Collection<String> roleNames) {
        Set<String> unknown = new HashSet<>(roleNames);
        repository.named(roleNames).forEach(r -> unknown.remove(r.name()));
        return unknown;
    }

    @Transactional
    public Role create(Role role) {
        validate(role, true);
        if (!repository.insert(role)) {
            throw new ConflictException("a role named '" + role.name() + "' exists already");
        }
        audit.record(role.name(), "role.created", describe(role));
        return role;
    }

    @Transactional
    public Role update(Role role) {
        validate(role, false);
        if (Roles.ADMIN.equals(role.name()) && !role.permissions().equals(List.of(Permissions.ALL))) {
            throw InvalidRequestException.of("permissions", "role admin keeps every permission ('*')");
        }
        if (!repository.update(role)) {
            throw new NotFoundException("no role named '" + role.name() + "'");
        }
        audit.record(role.name(), "role.changed", describe(role));
        return role;
    }

    @Transactional
    public void delete(String name) {
        if (Roles.ADMIN.equals(name)) {
            throw new ConflictException("role admin cannot be deleted: it is the role of the first operator");
        }
        if (repository.inUse(name)) {
            throw new ConflictException("role '" + name + "' is held by operators: take it from them first");
        }
        if (!repository.delete(name)) {
            throw new NotFoundException("no role named '" + name + "'");
        }
        audit.record(name, "role.deleted", "");
    }

    private static void validate(Role role, boolean creating) {
        var problems = new InvalidRequestException.Collector();
        if (role.name() == null || !NAME.matcher(role.name()).matches()) {
            problems.add(
                    "name", "a role name is 1 to 40 lower-case letters, digits, '-' or '_', starting with a letter");
        } else if (creating && RESERVED.contains(role.name())) {
            problems.add("name", "'" + role.name() + "' is reserved for " + role.name() + " tokens");
        }
        if (role.permissions().isEmpty()) {
            problems.add("permissions", "a role grants at least one permission");
        }
        for (String permission : role.permissions()) {
            if (!Permissions.ALL.equals(permission)
                    && (!Permissions.NAMED.contains(permission) || Permissions.SELF.equals(permission))) {
                problems.add("permissions", "'" + permission + "' is not a permission; known: " + Permissions.NAMED);
            }
        }
        BigDecimal limit = role.correctionLimit();
        if (limit != null && (limit.signum() < 0 || limit.scale() > 2 || limit.precision() - limit.scale() > 12)) {
            problems.add("correctionLimit", "a correction limit is a non-negative amount with at most 2 decimals");
        }
        if (role.description().length() > 500) {
            problems.add("description", "must be at most 500 characters");
        }
        problems.throwIfAny();
    }

    private static String describe(Role role) {
        return "permissions=" + role.permissions() + " correction_limit=" + role.correctionLimit();
    }
}
