package io.lastmile.auth.keys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The RSA key auth signs tokens with: made at the first start and kept in auth's database, so a
 * restart does not invalidate the tokens the modules hold.
 */
@Service
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String ALGORITHM = "RS256";

    private final SigningKeyRepository repository;
    private final Clock clock;

    SigningKeys(SigningKeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The published key set; the newest key signs. */
    @Transactional
    public JWKSet loadOrCreate() {
        List<SigningKeyRepository.StoredKey> keys = repository.active();
        if (keys.isEmpty()) {
            SigningKeyRepository.StoredKey created = generate();
            repository.insert(created);
            log.info("created signing key {}", created.kid());
            keys = List.of(created);
        }
        return new JWKSet(keys.stream()
                .map(SigningKeys::toJwk)
                .map(k -> (com.nimbusds.jose.jwk.JWK) k)
                .toList());
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
                    clock.instant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static RSAKey toJwk(SigningKeyRepository.StoredKey key) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(key.publicKey()));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(key.privateKey()));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyID(key.kid())
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + key.kid() + " in the database cannot be read", e);
        }
    }
}
