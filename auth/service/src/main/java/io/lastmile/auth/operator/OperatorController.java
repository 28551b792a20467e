package io.lastmile.auth.operator;

import io.lastmile.auth.login.LoginThrottle;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.util.List;
import java.util.Map;
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

/** Operators CRUD, passwords, unlock and TOTP; the security chain asks auth.admin. */
@RestController
@RequestMapping("/api/v1/operators")
class OperatorController {

    private final Operators operators;
    private final OperatorTotp totp;
    private final LoginThrottle throttle;

    OperatorController(Operators operators, OperatorTotp totp, LoginThrottle throttle) {
        this.operators = operators;
        this.totp = totp;
        this.throttle = throttle;
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @GetMapping
    List<OperatorView> list() {
        return operators.all();
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @GetMapping("/{login}")
    OperatorView get(@PathVariable String login) {
        return operators.get(login);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OperatorView create(@RequestBody Operators.NewOperator request) {
        return operators.create(request);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PutMapping("/{login}")
    OperatorView update(@PathVariable String login, @RequestBody Operators.OperatorChange change) {
        return operators.update(login, change);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @DeleteMapping("/{login}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String login) {
        operators.delete(login);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PutMapping("/{login}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void password(@PathVariable String login, @RequestBody PasswordChange change) {
        operators.setPassword(login, change.password());
    }

    /** Lifts a lockout after failed logins at once, instead of waiting for it to end. */
    @RequiresPermission(Permissions.AUTH_ADMIN)
    @DeleteMapping("/{login}/lock")
    Map<String, Boolean> unlock(@PathVariable String login) {
        return Map.of("wasLocked", throttle.unlock(login));
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping("/{login}/totp")
    @ResponseStatus(HttpStatus.CREATED)
    OperatorTotp.Enrolment enrolTotp(@PathVariable String login) {
        return totp.enrol(login);
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping("/{login}/totp/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmTotp(@PathVariable String login, @RequestBody Code code) {
        totp.confirm(login, code.code());
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @DeleteMapping("/{login}/totp")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeTotp(@PathVariable String login) {
        totp.remove(login);
    }

    record PasswordChange(String password) {
        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }

    record Code(String code) {}
}
