package io.lastmile.auth.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.lastmile.auth.audit.Audit;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys auth signs tokens with, kept in auth's database so a restart does not invalidate
 * the tokens the modules hold. The newest key signs; when a new one is made (through the API, or
 * when the signing key is older than {@code lastmile.auth.keys.rotate-every}) the old one stops
 * signing but stays published in the JWKS for {@code lastmile.auth.keys.retention}, longer than
 * any token it signed lives, and is deleted after.
 */
@Service
public class SigningKeys implements JWKSource<SecurityContext>, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String ALGORITHM = "RS256";

    private final SigningKeyRepository repository;
    private final KeyProperties properties;
    private final Audit audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private volatile Loaded loaded;

    SigningKeys(
            SigningKeyRepository repository,
            KeyProperties properties,
            Audit audit,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** Makes the first key at the first start, and reads the keys (failing early when one cannot be read). */
    @Override
    public void afterSingletonsInstantiated() {
        loaded();
    }

    /** What the JWKS endpoint and auth's own decoder select from: every published key. */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(loaded().published());
    }

    /** The id of the key that signs now; the token customizer names it in each token's header. */
    public String signingKeyId() {
        return loaded().signingKid();
    }

    /** The published keys, newest first, with their state. */
    public List<KeyView> list() {
        Instant retiredSince = clock.instant().minus(properties.retention());
        return repository.published(retiredSince).stream()
                .map(k -> new KeyView(
                        k.kid(),
                        k.createdAt(),
                        k.retiredAt(),
                        k.retiredAt() == null ? "signing" : "published",
                        k.retiredAt() == null ? null : k.retiredAt().plus(properties.retention())))
                .toList();
    }

    /** Makes a new signing key; the others stop signing and stay published for the retention. */
    @Transactional
    public KeyView rotate() {
        repository.lock();
        SigningKeyRepository.StoredKey created = generate();
        repository.insert(created);
        repository.retireAllBut(created.kid(), clock.instant());
        audit.record(created.kid(), "key.rotated", "new signing key");
        log.info("new signing key {}; the previous one stays published for {}", created.kid(), properties.retention());
        reloadAfterCommit();
        return new KeyView(created.kid(), created.createdAt(), null, "signing", null);
    }

    /** Hourly: rotates a key that is too old, deletes keys past their retention, reloads. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    @Transactional
    public void maintain() {
        Instant now = clock.instant();
        if (loaded().signingCreatedAt().plus(properties.rotateEvery()).isBefore(now)) {
            rotate();
        }
        List<String> removed = repository.deleteRetiredBefore(now.minus(properties.retention()));
        for (String kid : removed) {
            audit.recordAs(null, kid, "key.removed", null, "retired key past its retention");
            log.info("removed signing key {}", kid);
        }
        reloadAfterCommit();
    }

    private void reloadAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                loaded = null;
            }
        });
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current == null) {
            current = transactions.execute(status -> load());
            loaded = current;
        }
        return current;
    }

    private synchronized Loaded load() {
        List<SigningKeyRepository.StoredKey> keys =
                repository.published(clock.instant().minus(properties.retention()));
        if (keys.stream().noneMatch(k -> k.retiredAt() == null)) {
            repository.lock();
            keys = repository.published(clock.instant().minus(properties.retention()));
            if (keys.stream().noneMatch(k -> k.retiredAt() == null)) {
                SigningKeyRepository.StoredKey created = generate();
                repository.insert(created);
                log.info("created signing key {}", created.kid());
                keys = repository.published(clock.instant().minus(properties.retention()));
            }
        }
        SigningKeyRepository.StoredKey signing =
                keys.stream().filter(k -> k.retiredAt() == null).findFirst().orElseThrow();
        return new Loaded(
                new JWKSet(keys.stream().map(SigningKeys::toJwk).toList()), signing.kid(), signing.createdAt());
    }

    private SigningKeyRepository.StoredKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new SigningKeyRepository.StoredKey(
                    UUID.randomUUID().toString(),
                    ALGORITHM,
                    pair.getPublic().getEncoded(),
                    pair.getPrivate().getEncoded(),
                    clock.instant(),
                    null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static JWK toJwk(SigningKeyRepository.StoredKey key) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(key.publicKey()));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(key.privateKey()));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyID(key.kid())
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + key.kid() + " in the database cannot be read", e);
        }
    }

    record Loaded(JWKSet published, String signingKid, Instant signingCreatedAt) {}

    /** A key as the API shows it: never the private part. */
    public record KeyView(String kid, Instant createdAt, Instant retiredAt, String state, Instant removeAfter) {}
}
