package io.lastmile.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lastmile.collector.CollectorApplication;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowSink;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.testkit.PostgresExtension;
import io.lastmile.testkit.TestTokens;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The collector as it runs: datagrams over loopback to its listeners (ports the kernel picked),
 * decoded by test decoders, to a test sink; then the status API, the exporter table and the
 * metrics, over HTTP with a NOC token, on real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
@Import(IngestIT.Beans.class)
@SpringBootTest(
        classes = CollectorApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "lastmile.collector.exporters.discovery-interval=200ms"})
class IngestIT {

    private static final TestTokens TOKENS = TestTokens.generate();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final RecordingSink SINK = new RecordingSink();

    @TestConfiguration
    static class Beans {
        @Bean
        JwtDecoder jwtDecoder() {
            return TOKENS.decoder();
        }

        /** Stand-ins that count what they get, in place of the real decoders (tested on their own). */
        @Bean
        @org.springframework.context.annotation.Primary
        Map<FlowProtocol, PacketDecoder> packetDecoders() {
            return Map.of(
                    FlowProtocol.NETFLOW_V5, new TestV5Decoder(),
                    FlowProtocol.IPFIX, new IpfixTemplatePackets.Decoder(),
                    FlowProtocol.SFLOW_V5, new SflowCounterPackets.Decoder());
        }

        @Bean
        FlowSink recordingSink() {
            return SINK;
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    UdpListeners listeners;

    private static boolean sent;
    private RestClient noc;

    /** Once for the class (the app is shared): a router sends some of each protocol. */
    @BeforeEach
    void sendSomeOfEach() throws Exception {
        noc = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBearerAuth(TOKENS.noc()))
                .defaultStatusHandler(s -> true, (request, response) -> {})
                .build();
        if (sent) {
            return;
        }
        sent = true;
        try (DatagramSocket router = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int seq = 0; seq < 5; seq++) {
                send(router, "netflow", NetflowV5Packets.packet(seq, 2));
            }
            send(router, "ipfix", IpfixTemplatePackets.templates(7, 256, 257));
            send(router, "sflow", SflowCounterPackets.datagram(new byte[] {127, 0, 0, 1}, 1, 2));
            send(router, "netflow", new byte[] {0, 42, 0, 0, 0, 0});
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> status("127.0.0.1").path("packets").asLong() == 8);
    }

    private void send(DatagramSocket router, String listener, byte[] payload) throws Exception {
        router.send(new DatagramPacket(payload, payload.length, LOOPBACK, listeners.port(listener)));
    }

    private JsonNode status(String address) {
        ResponseEntity<JsonNode> r = noc.get()
                .uri("/api/v1/exporters/status/{a}", address)
                .retrieve()
                .toEntity(JsonNode.class);
        return r.getStatusCode().value() == 200 ? r.getBody() : tools.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    void countsEachExportersPacketsFlowsTemplatesAndDrops() {
        JsonNode status = status("127.0.0.1");

        assertThat(status.path("address").asString()).isEqualTo("127.0.0.1");
        assertThat(status.path("flows").asLong()).isEqualTo(10);
        assertThat(status.path("templates").asInt()).isEqualTo(2);
        assertThat(status.path("drops").path("UNSUPPORTED_VERSION").asLong()).isEqualTo(1);
        assertThat(status.path("drops").path("QUEUE_FULL").asLong()).isZero();
        assertThat(status.path("protocols")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactlyInAnyOrder("NETFLOW_V5", "IPFIX", "SFLOW_V5");
        assertThat(status.path("lastSeen").asString()).isNotBlank();
        assertThat(SINK.flows).hasSize(10);

        JsonNode all = noc.get().uri("/api/v1/exporters/status").retrieve().body(JsonNode.class);
        assertThat(all.valueStream().map(e -> e.path("address").asString()).toList())
                .containsExactly("127.0.0.1");
    }

    @Test
    void keepsTheLatestInterfaceCountersOfEachSflowAgent() {
        JsonNode interfaces = noc.get()
                .uri("/api/v1/exporters/status/127.0.0.1/interfaces")
                .retrieve()
                .body(JsonNode.class);

        assertThat(interfaces
                        .valueStream()
                        .map(i -> i.path("counters").path("ifIndex").asLong())
                        .toList())
                .containsExactly(1L, 2L);
        assertThat(interfaces.get(1).path("counters").path("inOctets").asLong()).isEqualTo(2000);
        assertThat(interfaces.get(1).path("counters").path("outOctets").asLong())
                .isEqualTo(4000);
        assertThat(interfaces.get(1).path("agent").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void answersNotFoundForAnExporterNeverHeardOrNotAnAddress() {
        for (String address : List.of("198.51.100.7", "router.example.net", "2001:db8::1")) {
            ResponseEntity<String> r = noc.get()
                    .uri("/api/v1/exporters/status/{a}", address)
                    .retrieve()
                    .toEntity(String.class);
            assertThat(r.getStatusCode().value()).as(address).isEqualTo(404);
            assertThat(r.getBody()).contains("no exporter");
        }
    }

    @Test
    void recordsANewExporterInTheExporterTableOnce() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> noc.get()
                                .uri("/api/v1/exporters")
                                .retrieve()
                                .body(JsonNode.class)
                                .size()
                        == 1);
        JsonNode exporters = noc.get().uri("/api/v1/exporters").retrieve().body(JsonNode.class);

        assertThat(exporters.get(0).path("name").asString()).isEqualTo("127.0.0.1");
        assertThat(exporters.get(0).path("address").asString()).isEqualTo("127.0.0.1");
        assertThat(exporters.get(0).path("enabled").asBoolean()).isTrue();
    }

    @Test
    void showsTheListenersWithTheirPortsBuffersAndKernelDrops() {
        JsonNode view = noc.get().uri("/api/v1/collector/listeners").retrieve().body(JsonNode.class);

        assertThat(view.path("listeners")
                        .valueStream()
                        .map(l -> l.path("name").asString())
                        .toList())
                .containsExactly("netflow", "ipfix", "sflow");
        for (JsonNode l : view.path("listeners")) {
            assertThat(l.path("port").asInt())
                    .isEqualTo(listeners.port(l.path("name").asString()));
            assertThat(l.path("address").asString()).isEqualTo("127.0.0.1");
            assertThat(l.path("requestedReceiveBuffer").asLong()).isEqualTo(1024 * 1024);
            assertThat(l.path("grantedReceiveBuffer").asLong()).isPositive();
            assertThat(l.path("kernelDrops").asLong()).isZero();
        }
        assertThat(view.path("packets").asLong()).isEqualTo(8);
        assertThat(view.path("workers").path("count").asInt()).isPositive();
    }

    @Test
    void exposesTheTotalsAsMetrics() {
        String metrics = RestClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(TOKENS.admin()))
                .retrieve()
                .body(String.class);

        assertThat(metrics).contains("lastmile_collector_flows_total 10.0");
        assertThat(metrics).contains("lastmile_collector_packets_total 8.0");
        assertThat(metrics).contains("lastmile_collector_drops_total{reason=\"UNSUPPORTED_VERSION\"} 1.0");
    }
}
