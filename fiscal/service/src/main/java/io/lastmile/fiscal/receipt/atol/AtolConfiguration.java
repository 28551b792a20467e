package io.lastmile.fiscal.receipt.atol;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ATOL registrar, when {@code lastmile.fiscal.atol.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AtolProperties.class)
class AtolConfiguration {

    @Bean
    @ConditionalOnProperty("lastmile.fiscal.atol.enabled")
    AtolClient atolClient(AtolProperties settings, Clock clock) {
        return new AtolClient(settings, clock);
    }
}
