package io.lastmile.billing.provisioning.secret;

import io.lastmile.platform.secret.SecretBox;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link SecretBox} of the process, with its key read (or created) at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class SecretsConfiguration {

    @Bean
    SecretBox secretBox(SecretsProperties properties) {
        return SecretBox.fromKeyFile(properties.keyFile());
    }
}
