package io.lastmile.collector.exporter;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory exporter status and the recording of newly heard exporters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExporterProperties.class)
class ExporterConfiguration {

    @Bean
    ExporterDiscovery exporterDiscovery(
            ExporterController.ExporterRepository repository, Clock clock, ExporterProperties properties) {
        return new ExporterDiscovery(repository, clock, properties.discoveryInterval(), properties.maxTracked());
    }

    @Bean
    ExporterRegistry exporterRegistry(ExporterProperties properties, ExporterDiscovery discovery) {
        return new ExporterRegistry(properties.maxTracked(), discovery::offer);
    }

    @Bean
    InterfaceCountersStore interfaceCountersStore(ExporterProperties properties) {
        return new InterfaceCountersStore(properties.maxInterfaces());
    }
}
