package io.lastmile.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Signs JWTs the way auth does (RS256, `roles` claim) with a key of the test's own, so a service's
 * real resource-server chain can be tested without running auth. Give the service {@link
 * #decoder()} as its JwtDecoder bean.
 */
public final class TestTokens {

    public static final String ISSUER = "http://auth.test";

    private final RSAKey key;
    private final String issuer;

    private TestTokens(RSAKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public static TestTokens generate() {
        return generate(ISSUER, UUID.randomUUID().toString());
    }

    /** A new key of the test's own, presenting itself as `issuer`'s key `keyId`: a forger's tokens. */
    public static TestTokens generate(String issuer, String keyId) {
        try {
            return new TestTokens(new RSAKeyGenerator(2048).keyID(keyId).generate(), issuer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** Tokens signed with a real key (e.g. auth's, read from its database) to test edge cases. */
    public static TestTokens withKey(RSAKey key, String issuer) {
        return new TestTokens(key, issuer);
    }

    /** A decoder that trusts only this key and this issuer, checking expiry like the services do. */
    public JwtDecoder decoder() {
        try {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for `subject` carrying `roles`, valid for ten minutes. */
    public String token(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(subject, List.of(roles), now, now.plus(Duration.ofMinutes(10)));
    }

    /** A token that expired an hour ago (well past any clock-skew allowance). */
    public String expiredToken(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(subject, List.of(roles), now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
    }

    public String sign(String subject, List<String> roles, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
