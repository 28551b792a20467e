package io.lastmile.collector.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.CollectorApplication;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.FlowSink;
import io.lastmile.platform.security.PeerClients;
import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The collector application as it runs: flows handed to its FlowSink beans reach a billing that
 * follows the contract, with the map polled and batches flushed on their own schedule.
 */
@SpringBootTest(
        classes = {CollectorApplication.class, TrafficPipelineIT.Peers.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "lastmile.collector.traffic.map-interval=200ms",
            "lastmile.collector.traffic.flush-interval=500ms",
            "lastmile.collector.traffic.retry-base=100ms"
        })
@ExtendWith(PostgresExtension.class)
class TrafficPipelineIT {

    private static final TestTokens TOKENS = TestTokens.generate();
    private static final FakeBilling BILLING = start();

    @TestConfiguration
    static class Peers {
        @Bean
        JwtDecoder jwtDecoder() {
            return TOKENS.decoder();
        }

        /** billing's calls carry a service token, as PeerClients' do. */
        @Bean
        PeerClients peerClients() {
            return new PeerClients(null) {
                @Override
                public RestClient forBaseUrl(String baseUrl) {
                    return RestClient.builder()
                            .baseUrl(baseUrl)
                            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.service("collector"))
                            .build();
                }
            };
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
        registry.add("lastmile.collector.traffic.billing-url", BILLING::url);
        registry.add(
                "lastmile.collector.traffic.spool-dir",
                () -> Path.of("target", "traffic-pipeline-it-" + System.nanoTime()));
    }

    @Autowired
    List<FlowSink> sinks;

    @Autowired
    TrafficCollector collector;

    @AfterAll
    static void stopBilling() {
        BILLING.close();
    }

    @Test
    void flowsGivenToTheSinksReachBillingAsUsage() throws Exception {
        await(() -> collector.status().map().version() == 1);
        FlowRecord flow = new FlowRecord();
        long end = Instant.now().toEpochMilli();
        for (int i = 0; i < 100; i++) {
            Flows.fill(flow, "192.0.2.1", "8.8.8.8", "10.0.0.5", 1500, 1);
            flow.endMillis = end;
            sinks.forEach(s -> s.accept(flow));
        }
        String minute = Instant.ofEpochMilli(end).toString().substring(11, 16);

        // the sender records its last send just after the batch leaves the disk: wait for both
        await(() -> !BILLING.usage().isEmpty()
                && collector.status().spool().pendingBatches() == 0
                && collector.status().lastSend() != null);

        assertThat(BILLING.usage()).containsExactly(Map.entry("1 " + minute + " IN internet", "150000 100"));
        assertThat(collector.status().lastSend().outcome().name()).isEqualTo("DELIVERED");
    }

    private static FakeBilling start() {
        try {
            FakeBilling b = new FakeBilling();
            b.serveMap(Flows.map(1));
            return b;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
