package io.lastmile.auth.operator;

import io.lastmile.auth.audit.Audit;
import io.lastmile.auth.config.AuthProperties;
import io.lastmile.auth.password.PasswordPolicy;
import io.lastmile.auth.role.RoleCatalog;
import io.lastmile.platform.security.Roles;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operators who log in to the UIs; the first one, `admin`, is made at auth's first start. */
@Service
public class Operators implements SmartInitializingSingleton {

    public static final String FIRST_OPERATOR = "admin";
    /** Lower case, so that a login never collides with a subscriber's principal (`subscriber:`...). */
    static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Logger log = LoggerFactory.getLogger(Operators.class);

    private final OperatorRepository repository;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final RoleCatalog roles;
    private final Audit audit;
    private final AuthProperties properties;

    Operators(
            OperatorRepository repository,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            RoleCatalog roles,
            Audit audit,
            AuthProperties properties) {
        this.repository = repository;
        this.passwords = passwords;
        this.policy = policy;
        this.roles = roles;
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void afterSingletonsInstantiated() {
        String initial = properties.admin().initialPassword();
        if (initial == null || initial.isBlank()) {
            return;
        }
        boolean created = repository.insert(new OperatorRepository.StoredOperator(
                0,
                FIRST_OPERATOR,
                "Administrator",
                null,
                passwords.encode(initial),
                List.of(Roles.ADMIN),
                true,
                null,
                false,
                null));
        if (created) {
            audit.recordAs(null, FIRST_OPERATOR, "operator.created", null, "first operator, roles=[admin]");
            log.info("created the first operator '{}'", FIRST_OPERATOR);
        }
    }

    /** The operator with this login, for the login page. */
    @Transactional(readOnly = true)
    public Optional<OperatorAccount> forLogin(String login) {
        return repository
                .find(login)
                .map(o -> new OperatorAccount(
                        o.login(), o.passwordHash(), o.enabled(), o.roles(), o.totpSecret(), o.totpConfirmed()));
    }

    /** Stores a stronger hash of a password that just verified (no audit: the password is the same). */
    @Transactional
    public void upgradeHash(String login, String hash) {
        repository.setPasswordHash(login, hash);
    }

    @Transactional(readOnly = true)
    public List<OperatorView> all() {
        return repository.all().stream().map(OperatorView::of).toList();
    }

    @Transactional(readOnly = true)
    public OperatorView get(String login) {
        return OperatorView.of(stored(login));
    }

    @Transactional
    public OperatorView create(NewOperator request) {
        var problems = new InvalidRequestException.Collector();
        if (request.login() == null || !LOGIN.matcher(request.login()).matches()) {
            problems.add("login", "a login is 2 to 64 lower-case letters, digits, '.', '-' or '_'");
        }
        checkDetails(request.name(), request.email(), request.roles(), problems);
        policy.problem(request.password(), request.login()).ifPresent(p -> problems.add("password", p));
        problems.throwIfAny();
        Set<String> roleSet = new TreeSet<>(request.roles());
        boolean enabled = request.enabled() == null || request.enabled();
        boolean created = repository.insert(new OperatorRepository.StoredOperator(
                0,
                request.login(),
                request.name(),
                request.email(),
                passwords.encode(request.password()),
                List.copyOf(roleSet),
                enabled,
                null,
                false,
                null));
        if (!created) {
            throw new ConflictException("an operator with login '" + request.login() + "' exists already");
        }
        audit.record(request.login(), "operator.created", "roles=" + roleSet + " enabled=" + enabled);
        return get(request.login());
    }

    @Transactional
    public OperatorView update(String login, OperatorChange change) {
        OperatorRepository.StoredOperator current = stored(login);
        var problems = new InvalidRequestException.Collector();
        checkDetails(change.name(), change.email(), change.roles(), problems);
        problems.throwIfAny();
        Set<String> newRoles = new TreeSet<>(change.roles());
        boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
        if (current.roles().contains(Roles.ADMIN) && (!newRoles.contains(Roles.ADMIN) || !enabled)) {
            requireAnotherAdmin(login);
        }
        repository.update(login, change.name(), change.email(), enabled);
        if (enabled != current.enabled()) {
            audit.record(login, enabled ? "operator.enabled" : "operator.disabled", "");
        }
        if (!newRoles.equals(new TreeSet<>(current.roles()))) {
            repository.setRoles(current.id(), newRoles);
            audit.record(login, "operator.roles-changed", "from=" + current.roles() + " to=" + newRoles);
        }
        if (!change.name().equals(current.name()) || !java.util.Objects.equals(change.email(), current.email())) {
            audit.record(login, "operator.changed", "name and e-mail");
        }
        return get(login);
    }

    @Transactional
    public void setPassword(String login, String password) {
        stored(login);
        policy.problem(password, login).ifPresent(p -> {
            throw InvalidRequestException.of("password", p);
        });
        repository.setPasswordHash(login, passwords.encode(password));
        audit.record(login, "operator.password-changed", "");
    }

    @Transactional
    public void delete(String login) {
        OperatorRepository.StoredOperator current = stored(login);
        if (current.roles().contains(Roles.ADMIN)) {
            requireAnotherAdmin(login);
        }
        repository.delete(login);
        audit.record(login, "operator.deleted", "roles=" + current.roles());
    }

    OperatorRepository.StoredOperator stored(String login) {
        return repository
                .find(login)
                .orElseThrow(() -> new NotFoundException("no operator with login '" + login + "'"));
    }

    private void requireAnotherAdmin(String login) {
        if (repository.countEnabledWithRole(Roles.ADMIN, login) == 0) {
            throw new ConflictException(
                    "'" + login + "' is the last enabled admin: give another operator the admin role first");
        }
    }

    private void checkDetails(
            String name, String email, List<String> roleNames, InvalidRequestException.Collector problems) {
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add("name", "a name is 1 to 200 characters");
        }
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            problems.add("email", "not an e-mail address");
        }
        if (roleNames == null) {
            problems.add("roles", "list the operator's roles (may be empty)");
        } else {
            Set<String> unknown = roles.unknown(roleNames);
            if (!unknown.isEmpty()) {
                problems.add("roles", "no such roles: " + new TreeSet<>(unknown));
            }
        }
    }

    /** A new operator; enabled unless told otherwise. */
    public record NewOperator(
            String login, String name, String email, String password, List<String> roles, Boolean enabled) {
        @Override
        public String toString() {
            return "NewOperator[login=" + login + ", roles=" + roles + "]";
        }
    }

    /** Name, e-mail, roles and (optionally) enabled. */
    public record OperatorChange(String name, String email, List<String> roles, Boolean enabled) {}
}
