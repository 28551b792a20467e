package io.lastmile.billing.provisioning.secret;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the appliance's secret key lives.
 *
 * @param keyFile the AES-256 key that seals credentials and service storage; relative paths are
 *     resolved against the working directory. Created with a fresh key (mode 0600) when missing.
 *     Back it up: without it nothing sealed can be read again.
 */
@ConfigurationProperties("lastmile.billing.secrets")
public record SecretsProperties(
        @DefaultValue("var/billing/secret.key") Path keyFile) {}
