package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.lastmile.platform.security.Permissions;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * auth's own API refuses every token it did not issue as it is: unsigned, signed by another key,
 * expired, for another audience or issuer, or altered after signing. A token made the same way
 * with auth's real key and nothing wrong is accepted, so each refusal is for the defect named.
 */
class ForgedTokensIT extends AuthServerTestBase {

    RSAKey authKey;

    @BeforeEach
    void readAuthsKey() throws Exception {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT kid, public_key, private_key FROM signing_key WHERE retired_at IS NULL")) {
            assertThat(rs.next()).isTrue();
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            authKey = new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(rs.getBytes(2))))
                    .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes(3))))
                    .keyID(rs.getString(1))
                    .build();
        }
    }

    @Test
    void acceptsAWellFormedTokenSignedWithAuthsKey() throws Exception {
        assertThat(status(sign(authKey, claims().build()))).isEqualTo(200);
    }

    @Test
    void refusesAnUnsignedToken() {
        String none = new PlainJWT(claims().build()).serialize();

        assertThat(status(none)).isEqualTo(401);
    }

    @Test
    void refusesATokenSignedWithAnotherKeyUnderAuthsKeyId() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID(authKey.getKeyID()).generate();

        assertThat(status(sign(forger, claims().build()))).isEqualTo(401);
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        var expired = claims().issueTime(Date.from(past))
                .notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5))))
                .build();

        assertThat(status(sign(authKey, expired))).isEqualTo(401);
    }

    @Test
    void refusesATokenForAnotherAudience() throws Exception {
        assertThat(status(sign(authKey, claims().audience(List.of("billing")).build())))
                .isEqualTo(401);
    }

    @Test
    void refusesATokenFromAnotherIssuer() throws Exception {
        assertThat(status(sign(authKey, claims().issuer("http://evil.example").build())))
                .isEqualTo(401);
    }

    @Test
    void refusesATokenWhosePermissionsWereAlteredAfterSigning() throws Exception {
        String genuine = sign(
                authKey,
                claims().claim(Permissions.CLAIM, List.of(Permissions.AUDIT_READ))
                        .build());
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"audit.read\"", "\"*\"");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        assertThat(status(genuine)).as("the genuine token lacks auth.admin").isEqualTo(403);
        assertThat(status(tampered)).isEqualTo(401);
    }

    private int status(String token) {
        return http.get()
                .uri("/api/v1/roles")
                .headers(h -> h.setBearerAuth(token))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }

    /** What auth puts in an admin's token. */
    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("admin")
                .audience(List.of("operator-ui", Permissions.AUDIENCE))
                .claim("roles", List.of("admin"))
                .claim(Permissions.CLAIM, List.of("*"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
