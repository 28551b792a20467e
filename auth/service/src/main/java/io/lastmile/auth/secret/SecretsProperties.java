package io.lastmile.auth.secret;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keyFile auth's AES-256 key that seals TOTP secrets; created (mode 0600) when missing.
 *     Back it up: without it, enrolled operators must enrol again.
 */
@ConfigurationProperties("lastmile.auth.secrets")
public record SecretsProperties(
        @DefaultValue("var/auth/secret.key") Path keyFile) {}
