package io.lastmile.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.Roles;
import io.lastmile.platform.security.SeededRoles;
import io.lastmile.platform.security.TokenValidators;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Signs JWTs the way auth does (RS256; `roles`, `permissions`, `account_id`, `correction_limit`;
 * audience `lastmile`) with a key of the test's own, so a service's real resource-server chain can
 * be tested without running auth. Give the service {@link #decoder()} as its JwtDecoder bean: it
 * runs the same checks as the services' own decoder ({@link TokenValidators#lastmile}).
 *
 * <p>The permissions of a role come from {@link SeededRoles}, the table auth seeds its roles from.
 */
public final class TestTokens {

    public static final String ISSUER = "http://auth.test";

    /** What is wrong with a forged token; each is otherwise an admin's token with `*`. */
    public enum Forgery {
        /** Unsigned (`alg: none`). */
        ALG_NONE,
        /** HS256 with auth's public key as the HMAC secret (the classic algorithm confusion). */
        HMAC_WITH_PUBLIC_KEY,
        /** Signed by another key presenting itself as auth's key id. */
        WRONG_KEY,
        /** Expired an hour ago. */
        EXPIRED,
        /** Not valid before an hour from now. */
        NOT_YET_VALID,
        /** Issued by someone else (right key, wrong issuer). */
        WRONG_ISSUER,
        /** For another audience than `lastmile`. */
        WRONG_AUDIENCE,
        /** Without any audience. */
        NO_AUDIENCE,
        /** A subscriber's genuine token whose claims were then changed to an admin's. */
        TAMPERED_CLAIMS
    }

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

    /** A decoder that trusts only this key, checking issuer, expiry and audience like the services. */
    public JwtDecoder decoder() {
        try {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
            decoder.setJwtValidator(TokenValidators.lastmile(issuer));
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token for `subject` carrying `roles` and the permissions auth seeds for them (a cashier's
     * also its correction limit), valid for ten minutes.
     */
    public String token(String subject, String... roles) {
        return sign(claims(subject, List.of(roles)).build());
    }

    /** A token of a seeded role (see {@link SeededRoles}); for `subscriber` use {@link #subscriber}. */
    public String forRole(String role) {
        return role.equals(Roles.SUBSCRIBER) ? subscriber(1) : token(role, role);
    }

    public String admin() {
        return token("cli", Roles.ADMIN);
    }

    /** A cashier, with the seeded correction limit. */
    public String cashier() {
        return token("cashier", Roles.CASHIER);
    }

    public String support() {
        return token("support", Roles.SUPPORT);
    }

    public String noc() {
        return token("noc", Roles.NOC);
    }

    public String readonly() {
        return token("readonly", Roles.READ_ONLY);
    }

    /** A module's client-credentials token (role service, permissions `*`). */
    public String service(String module) {
        return token(module, Roles.SERVICE);
    }

    /** A subscriber logged in to the cabinet: role subscriber, permission self, their account. */
    public String subscriber(long accountId) {
        return sign(claims("subscriber-" + accountId, List.of(Roles.SUBSCRIBER))
                .claim(Permissions.ACCOUNT_CLAIM, accountId)
                .build());
    }

    /** A token carrying exactly `permissions` and no role, for one-off checks. */
    public String withPermissions(String subject, String... permissions) {
        return sign(claims(subject, List.of())
                .claim(Permissions.CLAIM, List.of(permissions))
                .build());
    }

    /** A token that expired an hour ago (well past any clock-skew allowance). */
    public String expiredToken(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(subject, List.of(roles), now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
    }

    public String sign(String subject, List<String> roles, Instant issuedAt, Instant expiresAt) {
        return sign(claims(subject, roles)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build());
    }

    /**
     * The claims auth would put in a token of `subject` with `roles`, valid for ten minutes, for a
     * test to change before {@link #sign(JWTClaimsSet) signing}.
     */
    public JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(Permissions.AUDIENCE)
                .claim(Roles.CLAIM, roles)
                .claim(Permissions.CLAIM, SeededRoles.permissions(roles))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
        roles.stream()
                .flatMap(role -> SeededRoles.correctionLimit(role).stream())
                .findFirst()
                .ifPresent(limit -> claims.claim(Permissions.CORRECTION_LIMIT_CLAIM, limit.toPlainString()));
        return claims;
    }

    /** `claims` signed RS256 with this key. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** An admin's token with the defect `forgery`: every service must answer it 401. */
    public String forged(Forgery forgery) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder admin = claims("cli", List.of(Roles.ADMIN));
        try {
            return switch (forgery) {
                case ALG_NONE -> new PlainJWT(admin.build()).serialize();
                case HMAC_WITH_PUBLIC_KEY -> {
                    SignedJWT jwt = new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.HS256)
                                    .keyID(key.getKeyID())
                                    .build(),
                            admin.build());
                    jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
                    yield jwt.serialize();
                }
                case WRONG_KEY -> generate(issuer, key.getKeyID()).sign(admin.build());
                case EXPIRED -> expiredToken("cli", Roles.ADMIN);
                case NOT_YET_VALID ->
                    sign(admin.issueTime(Date.from(now))
                            .notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))
                            .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                            .build());
                case WRONG_ISSUER -> sign(admin.issuer("http://someone.else").build());
                case WRONG_AUDIENCE -> sign(admin.audience("another-system").build());
                case NO_AUDIENCE -> sign(admin.audience((String) null).build());
                case TAMPERED_CLAIMS -> tampered(subscriber(1), admin.build());
            };
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** `genuine`'s header and signature around the payload `claims`. */
    private static String tampered(String genuine, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = SignedJWT.parse(genuine);
            Base64URL payload = Base64URL.encode(claims.toString());
            return jwt.getHeader().toBase64URL() + "." + payload + "." + jwt.getSignature();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
