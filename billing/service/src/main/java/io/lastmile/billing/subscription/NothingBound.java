package io.lastmile.billing.subscription;

import io.lastmile.billing.catalog.Tariff;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** While no provisioning commands exist, each event is done when it is raised. */
@Configuration(proxyBeanMethods = false)
class NothingBound {

    @Bean
    @ConditionalOnMissingBean(Provisioning.class)
    Provisioning immediateProvisioning() {
        return new Provisioning() {
            @Override
            public Outcome provision(long userServiceId, Tariff tariff, String event) {
                return Outcome.DONE;
            }

            @Override
            public boolean listens(String event, String category) {
                return false;
            }
        };
    }
}
