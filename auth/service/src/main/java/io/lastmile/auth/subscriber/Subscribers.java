package io.lastmile.auth.subscriber;

import io.lastmile.auth.audit.Audit;
import io.lastmile.auth.password.PasswordPolicy;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscribers' credentials, kept for billing, which owns the accounts. */
@Service
public class Subscribers {

    static final Pattern CONTRACT = Pattern.compile("[\\p{L}\\p{N}._/-]{1,64}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final SubscriberRepository repository;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final SubscriberProperties properties;
    private final Audit audit;

    Subscribers(
            SubscriberRepository repository,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            SubscriberProperties properties,
            Audit audit) {
        this.repository = repository;
        this.passwords = passwords;
        this.policy = policy;
        this.properties = properties;
        this.audit = audit;
    }

    @Transactional
    public SubscriberView create(NewCredential request) {
        var problems = new InvalidRequestException.Collector();
        if (request.accountId() == null || request.accountId() <= 0) {
            problems.add("accountId", "the id of the account in billing, a positive number");
        }
        String phone = checkLogins(request.contract(), request.email(), request.phone(), problems);
        if (request.password() != null) {
            policy.problem(request.password(), request.contract()).ifPresent(p -> problems.add("password", p));
        }
        problems.throwIfAny();
        if (repository.find(request.accountId()).isPresent()) {
            throw new ConflictException("account " + request.accountId() + " has a credential already");
        }
        if (repository.loginTaken(request.accountId(), request.contract(), request.email(), phone)) {
            throw new ConflictException("the contract number, e-mail or phone is another subscriber's login");
        }
        String hash = request.password() == null ? null : passwords.encode(request.password());
        if (!repository.insert(request.accountId(), request.contract(), request.email(), phone, hash)) {
            throw new ConflictException("account " + request.accountId() + " or one of its logins is taken");
        }
        audit.record(
                Long.toString(request.accountId()),
                "subscriber.credential-created",
                "contract=" + request.contract() + (hash == null ? "" : " with password"));
        return get(request.accountId());
    }

    /** New logins of an account whose contract number, e-mail or phone changed in billing. */
    @Transactional
    public SubscriberView changeLogins(long accountId, Logins logins) {
        var problems = new InvalidRequestException.Collector();
        String phone = checkLogins(logins.contract(), logins.email(), logins.phone(), problems);
        problems.throwIfAny();
        SubscriberRepository.StoredCredential before = stored(accountId);
        if (repository.loginTaken(accountId, logins.contract(), logins.email(), phone)) {
            throw new ConflictException("the contract number, e-mail or phone is another subscriber's login");
        }
        if (!repository.setLogins(accountId, logins.contract(), logins.email(), phone)) {
            throw new ConflictException("one of the logins of account " + accountId + " is taken");
        }
        if (!before.contract().equals(logins.contract())
                || !java.util.Objects.equals(before.email(), logins.email())
                || !java.util.Objects.equals(before.phone(), phone)) {
            audit.record(Long.toString(accountId), "subscriber.logins-changed", "contract=" + logins.contract());
        }
        return get(accountId);
    }

    /** Adds what is wrong with the logins to {@code problems}; answers the phone's digits. */
    private static String checkLogins(
            String contract, String email, String phone, InvalidRequestException.Collector problems) {
        if (contract == null || !CONTRACT.matcher(contract).matches()) {
            problems.add("contract", "a contract number is 1 to 64 letters, digits, '.', '_', '/' or '-'");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add("email", "not an e-mail address");
        }
        String digits = phoneDigits(phone);
        if (phone != null && digits == null) {
            problems.add("phone", "a phone number has 7 to 15 digits, e.g. +7 912 345-67-89");
        }
        return digits;
    }

    @Transactional(readOnly = true)
    public SubscriberView get(long accountId) {
        return SubscriberView.of(stored(accountId));
    }

    @Transactional
    public void setPassword(long accountId, String password) {
        SubscriberRepository.StoredCredential credential = stored(accountId);
        policy.problem(password, credential.contract()).ifPresent(p -> {
            throw InvalidRequestException.of("password", p);
        });
        repository.setPasswordHash(accountId, passwords.encode(password));
        audit.record(Long.toString(accountId), "subscriber.password-set", "");
    }

    @Transactional
    public SubscriberView setEnabled(long accountId, boolean enabled) {
        SubscriberRepository.StoredCredential credential = stored(accountId);
        if (credential.enabled() != enabled) {
            repository.setEnabled(accountId, enabled);
            audit.record(Long.toString(accountId), enabled ? "subscriber.enabled" : "subscriber.disabled", "");
        }
        return get(accountId);
    }

    /** The subscriber whose login this is, for the login page. */
    @Transactional(readOnly = true)
    public Optional<SubscriberAccount> forLogin(String login) {
        String trimmed = login.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        return repository
                .findByLogin(trimmed, properties.emailLogin(), properties.phoneLogin() ? phoneDigits(trimmed) : null)
                .map(c -> new SubscriberAccount(c.accountId(), c.passwordHash(), c.enabled()));
    }

    /** The subscriber of this account, for tokens (a refresh after the login was disabled is refused). */
    @Transactional(readOnly = true)
    public Optional<SubscriberAccount> forAccount(long accountId) {
        return repository.find(accountId).map(c -> new SubscriberAccount(c.accountId(), c.passwordHash(), c.enabled()));
    }

    @Transactional
    public void upgradeHash(long accountId, String hash) {
        repository.setPasswordHash(accountId, hash);
    }

    SubscriberRepository.StoredCredential stored(long accountId) {
        return repository
                .find(accountId)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no credential in auth"));
    }

    /** The digits of a phone number (7 to 15, a leading + dropped), or null if it is none. */
    static String phoneDigits(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s()+-]", "");
        return digits.matches("\\d{7,15}") ? digits : null;
    }

    /** How a subscriber logs in: the contract number, and the e-mail and phone where allowed. */
    public record Logins(String contract, String email, String phone) {}

    /** A new credential; without a password the subscriber sets one through a reset link. */
    public record NewCredential(Long accountId, String contract, String email, String phone, String password) {
        @Override
        public String toString() {
            return "NewCredential[accountId=" + accountId + ", contract=" + contract + "]";
        }
    }
}
