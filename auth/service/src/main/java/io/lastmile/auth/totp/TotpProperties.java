package io.lastmile.auth.totp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators' second factor.
 *
 * @param requiredForAdmins an operator with the admin role cannot log in without a confirmed TOTP
 * @param issuer the issuer name authenticator apps show
 */
@ConfigurationProperties("lastmile.auth.totp")
public record TotpProperties(
        @DefaultValue("false") boolean requiredForAdmins,
        @DefaultValue("Lastmile") String issuer) {}
