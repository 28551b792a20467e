package io.lastmile.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/** What every module checks in an access token besides its signature: expiry, issuer, audience. */
public final class TokenValidators {

    /**
     * Expiry and not-before (with Spring's default clock skew), the issuer when one is given, and
     * an `aud` claim naming {@link Permissions#AUDIENCE}.
     */
    public static OAuth2TokenValidator<Jwt> lastmile(String issuer) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer == null ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        validators.add(audience());
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Refuses a token whose `aud` does not name {@link Permissions#AUDIENCE}. */
    public static OAuth2TokenValidator<Jwt> audience() {
        return new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(Permissions.AUDIENCE));
    }

    private TokenValidators() {}
}
