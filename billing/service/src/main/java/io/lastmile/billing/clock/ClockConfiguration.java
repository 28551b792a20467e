package io.lastmile.billing.clock;

import io.lastmile.billing.subscription.SubscriptionProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The billing clock runs on a schedule. In dev and test mode only
 * ({@code lastmile.billing.test-clock.enabled=true}, off by default and never set on the
 * appliance) time is a {@link MutableClock} that the test clock API moves.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(SubscriptionProperties.class)
class ClockConfiguration {

    @Bean
    @ConditionalOnProperty("lastmile.billing.test-clock.enabled")
    MutableClock clock() {
        return new MutableClock();
    }
}
