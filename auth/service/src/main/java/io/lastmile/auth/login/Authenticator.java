package io.lastmile.auth.login;

import io.lastmile.auth.audit.Audit;
import io.lastmile.auth.operator.OperatorAccount;
import io.lastmile.auth.operator.OperatorTotp;
import io.lastmile.auth.operator.Operators;
import io.lastmile.auth.subscriber.SubscriberAccount;
import io.lastmile.auth.subscriber.Subscribers;
import io.lastmile.auth.totp.TotpProperties;
import io.lastmile.platform.security.Roles;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks a login and password (then, for operators who enrolled one, a TOTP code).
 *
 * <p>An unknown login costs the same as a wrong password: its password is checked against a
 * dummy hash of the same kind, it counts as a failure, and the answer is the same. Failures are
 * throttled per login and per source address ({@link LoginThrottle}); while either is locked no
 * password is accepted, right or wrong.
 */
@Service
public class Authenticator {

    private final Operators operators;
    private final OperatorTotp totp;
    private final Subscribers subscribers;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final TotpProperties totpProperties;
    private final Audit audit;
    private final String dummyHash;

    Authenticator(
            Operators operators,
            OperatorTotp totp,
            Subscribers subscribers,
            LoginThrottle throttle,
            PasswordEncoder passwords,
            TotpProperties totpProperties,
            Audit audit) {
        this.operators = operators;
        this.totp = totp;
        this.subscribers = subscribers;
        this.throttle = throttle;
        this.passwords = passwords;
        this.totpProperties = totpProperties;
        this.audit = audit;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    public Outcome password(String login, String password, String address, LoginKind kind) {
        String name = login == null ? "" : login.strip();
        String given = password == null ? "" : password;
        if (throttle.locked(name, address)) {
            passwords.matches(given, dummyHash);
            audit.recordAlone(
                    null,
                    LoginThrottle.key(name),
                    "login.refused-locked",
                    address,
                    kind.name().toLowerCase(Locale.ROOT));
            return Outcome.LOCKED;
        }
        return kind == LoginKind.SUBSCRIBER ? subscriber(name, given, address) : operator(name, given, address);
    }

    public Outcome code(String login, String code, String address) {
        if (throttle.locked(login, address)) {
            return Outcome.LOCKED;
        }
        Optional<OperatorAccount> operator = operators.forLogin(login);
        if (operator.isEmpty() || !operator.get().enabled() || operator.get().totpSecret() == null) {
            return Outcome.BAD_CREDENTIALS;
        }
        if (!totp.check(login, operator.get().totpSecret(), code)) {
            return fail(login, address, "login.code-failed", Outcome.BAD_CODE);
        }
        return signedIn(operator.get(), address, "with TOTP");
    }

    /** A new TOTP secret for an admin who enrols at login (replacing an unconfirmed one): its otpauth URI. */
    public String startEnrolment(String login) {
        return totp.enrol(login).uri();
    }

    /** The first code of an enrolment started at login: right, and the admin is signed in with TOTP. */
    public Outcome confirmEnrolment(String login, String code, String address) {
        if (throttle.locked(login, address)) {
            return Outcome.LOCKED;
        }
        Optional<OperatorAccount> operator = operators.forLogin(login);
        if (operator.isEmpty() || !operator.get().enabled()) {
            return Outcome.BAD_CREDENTIALS;
        }
        try {
            totp.confirm(login, code);
        } catch (InvalidRequestException | ConflictException e) {
            return fail(login, address, "login.code-failed", Outcome.BAD_CODE);
        }
        return signedIn(operator.get(), address, "with TOTP enrolled at login");
    }

    private Outcome operator(String login, String password, String address) {
        Optional<OperatorAccount> found = operators.forLogin(login);
        if (found.isEmpty()) {
            passwords.matches(password, dummyHash);
            return fail(login, address, "login.failed", Outcome.BAD_CREDENTIALS);
        }
        OperatorAccount operator = found.get();
        if (!passwords.matches(password, operator.passwordHash())) {
            return fail(login, address, "login.failed", Outcome.BAD_CREDENTIALS);
        }
        if (!operator.enabled()) {
            return fail(login, address, "login.refused-disabled", Outcome.DISABLED);
        }
        if (passwords.upgradeEncoding(operator.passwordHash())) {
            operators.upgradeHash(login, passwords.encode(password));
        }
        if (operator.totpConfirmed()) {
            return new Outcome.CodeWanted(login);
        }
        if (totpProperties.requiredForAdmins() && operator.isAdmin()) {
            audit.recordAlone(login, login, "login.totp-enrolment-required", address, "");
            return new Outcome.EnrolmentWanted(login);
        }
        return signedIn(operator, address, "");
    }

    private Outcome subscriber(String login, String password, String address) {
        Optional<SubscriberAccount> found = subscribers.forLogin(login);
        String hash = found.map(SubscriberAccount::passwordHash).orElse(null);
        if (hash == null) {
            passwords.matches(password, dummyHash);
            return fail(login, address, "login.failed", Outcome.BAD_CREDENTIALS);
        }
        SubscriberAccount subscriber = found.get();
        if (!passwords.matches(password, hash)) {
            return fail(login, address, "login.failed", Outcome.BAD_CREDENTIALS);
        }
        if (!subscriber.enabled()) {
            return fail(login, address, "login.refused-disabled", Outcome.DISABLED);
        }
        if (passwords.upgradeEncoding(hash)) {
            subscribers.upgradeHash(subscriber.accountId(), passwords.encode(password));
        }
        throttle.succeeded(login);
        audit.recordAlone(
                subscriber.principal(),
                Long.toString(subscriber.accountId()),
                "login.succeeded",
                address,
                "subscriber login " + login);
        return new Outcome.SignedIn(
                subscriber.principal(), List.of("ROLE_" + Roles.SUBSCRIBER.toUpperCase(Locale.ROOT)), false);
    }

    private Outcome signedIn(OperatorAccount operator, String address, String detail) {
        throttle.succeeded(operator.login());
        audit.recordAlone(operator.login(), operator.login(), "login.succeeded", address, detail);
        return new Outcome.SignedIn(
                operator.login(),
                operator.roles().stream()
                        .map(r -> "ROLE_" + r.toUpperCase(Locale.ROOT))
                        .toList(),
                !detail.isEmpty());
    }

    private Outcome fail(String login, String address, String action, Outcome.Refused answer) {
        throttle.failed(login, address);
        audit.recordAlone(null, LoginThrottle.key(login), action, address, "");
        return answer;
    }
}
