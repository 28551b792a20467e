package io.lastmile.fiscal.receipt.atol;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ATOL registrar. It reads its settings (database over {@code lastmile.fiscal.atol.*}) for
 * each call and registers receipts only while they say {@code enabled}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AtolProperties.class)
class AtolConfiguration {

    @Bean
    AtolClient atolClient(AtolSettingsService settings, AtolProperties defaults, Clock clock) {
        return new AtolClient(settings::current, defaults.timeout(), clock);
    }
}
