package io.lastmile.collector.traffic;

import io.lastmile.platform.registry.ModuleView;
import io.lastmile.platform.registry.RegistryClient;
import io.lastmile.platform.security.PeerClients;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the traffic pipeline: billing found as fiscal finds it ({@code billing-url}, else the
 * registry, looked up until it answers), called with this module's service token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrafficProperties.class)
class TrafficConfiguration {

    /**
     * Starts before and stops after the flow listeners and the web server (lower phase), so that the
     * last flush at shutdown sees every flow they delivered.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

    @Bean
    TrafficCollector trafficCollector(
            TrafficProperties properties,
            ObjectProvider<RegistryClient> registry,
            ObjectProvider<PeerClients> peers,
            JsonMapper json,
            Clock clock,
            @Value("${server.address:127.0.0.1}") String address) {
        AtomicReference<RestClient> resolved = new AtomicReference<>();
        BillingTraffic billing = new BillingTraffic(() -> {
            RestClient c = resolved.get();
            if (c == null) {
                String url = billingUrl(properties, registry);
                try {
                    c = BillingTraffic.restClient(
                            peers.getObject().forBaseUrl(url).mutate(), url, properties.timeout());
                } catch (BeansException e) {
                    throw new IllegalStateException("no service token to call billing: "
                            + e.getMostSpecificCause().getMessage());
                }
                resolved.set(c);
            }
            return c;
        });
        String source = properties.source() == null || properties.source().isBlank()
                ? "collector@" + address
                : properties.source();
        return new TrafficCollector(properties, billing, json, clock, source);
    }

    @Bean
    TrafficAggregator trafficAggregator(TrafficCollector collector) {
        return collector.aggregator();
    }

    @Bean
    SmartLifecycle trafficLifecycle(TrafficCollector collector) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                collector.start();
                running = true;
            }

            @Override
            public void stop() {
                collector.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return PHASE;
            }
        };
    }

    private static String billingUrl(TrafficProperties properties, ObjectProvider<RegistryClient> registry) {
        String url = properties.billingUrl();
        if (url != null && !url.isBlank()) {
            return url;
        }
        RegistryClient r = registry.getIfAvailable();
        if (r == null) {
            throw new IllegalStateException(
                    "neither lastmile.collector.traffic.billing-url nor the registry is configured");
        }
        return r.module("billing")
                .map(ModuleView::url)
                .orElseThrow(() -> new IllegalStateException("the registry does not list billing"));
    }
}
