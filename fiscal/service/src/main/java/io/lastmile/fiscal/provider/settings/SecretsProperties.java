package io.lastmile.fiscal.provider.settings;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param keyFile the AES-256 key that seals providers' secrets; created (0600) when missing */
@ConfigurationProperties("lastmile.fiscal.secrets")
record SecretsProperties(
        @DefaultValue("var/fiscal/secret.key") Path keyFile) {}
