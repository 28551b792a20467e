package io.lastmile.auth.subscriber;

import io.lastmile.auth.audit.Audit;
import io.lastmile.auth.config.AuthProperties;
import io.lastmile.auth.password.PasswordPolicy;
import io.lastmile.platform.web.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time password-reset links: a random token, kept as its SHA-256 only, good once and for
 * {@code lastmile.auth.subscribers.reset-ttl}. Billing sends the link to the subscriber.
 */
@Service
public class PasswordResets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriberRepository repository;
    private final Subscribers subscribers;
    private final BillingEvents billing;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final SubscriberProperties properties;
    private final AuthProperties auth;
    private final Audit audit;
    private final Clock clock;

    PasswordResets(
            SubscriberRepository repository,
            Subscribers subscribers,
            BillingEvents billing,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            SubscriberProperties properties,
            AuthProperties auth,
            Audit audit,
            Clock clock) {
        this.repository = repository;
        this.subscribers = subscribers;
        this.billing = billing;
        this.passwords = passwords;
        this.policy = policy;
        this.properties = properties;
        this.auth = auth;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Makes a link (voiding older ones) and asks billing to send it. Billing is asked inside the
     * transaction: when it does not take the event, no link is stored and the caller may retry.
     */
    @Transactional
    public Requested request(long accountId) {
        SubscriberRepository.StoredCredential credential = subscribers.stored(accountId);
        if (!credential.enabled()) {
            throw new io.lastmile.platform.web.ConflictException(
                    "account " + accountId + "'s login is disabled: enable it before sending a reset link");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(properties.resetTtl());
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        repository.voidResets(accountId, now);
        repository.insertReset(hash(token), accountId, now, expires);
        String link = auth.issuer() + "/reset?token=" + token;
        audit.record(Long.toString(accountId), "subscriber.reset-requested", "expires " + expires);
        billing.raise(
                accountId,
                BillingEvents.PASSWORD_RESET,
                "password reset link, valid until " + expires,
                Map.of("link", link, "expires_at", expires.toString(), "contract", credential.contract()));
        return new Requested(accountId, expires);
    }

    /** The account a token would reset, if it is still good. */
    @Transactional(readOnly = true)
    public Optional<Long> check(String token) {
        return token == null || token.isBlank()
                ? Optional.empty()
                : repository.validReset(hash(token), clock.instant());
    }

    /**
     * Sets the password with a token, using the token up.
     *
     * @throws InvalidRequestException when the password is refused (the token stays good) or the token is not
     */
    @Transactional
    public void reset(String token, String password) {
        long accountId = check(token)
                .orElseThrow(() -> InvalidRequestException.of(
                        "token", "this link has been used or has expired: ask for a new one"));
        SubscriberRepository.StoredCredential credential = subscribers.stored(accountId);
        policy.broken(password, credential.contract()).ifPresent(rule -> {
            throw new RefusedPassword(rule);
        });
        if (repository.useReset(hash(token), clock.instant()).isEmpty()) {
            throw InvalidRequestException.of("token", "this link has been used or has expired: ask for a new one");
        }
        repository.setPasswordHash(accountId, passwords.encode(password));
        audit.recordAs(
                SubscriberAccount.PRINCIPAL_PREFIX + accountId,
                Long.toString(accountId),
                "subscriber.password-reset",
                Audit.currentAddressOrNull(),
                "");
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Requested(long accountId, Instant expiresAt) {}

    /** The new password breaks a rule; the page says which in the subscriber's language. */
    public static final class RefusedPassword extends InvalidRequestException {
        private final PasswordPolicy.Rule rule;

        RefusedPassword(PasswordPolicy.Rule rule) {
            super(java.util.Map.of("password", rule.english()));
            this.rule = rule;
        }

        public PasswordPolicy.Rule rule() {
            return rule;
        }
    }
}
