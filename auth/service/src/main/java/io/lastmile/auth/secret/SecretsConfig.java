package io.lastmile.auth.secret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfig {

    @Bean
    SecretBox secretBox(SecretsProperties properties) {
        return SecretBox.fromKeyFile(properties.keyFile());
    }
}
