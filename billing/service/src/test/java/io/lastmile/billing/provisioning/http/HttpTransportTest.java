package io.lastmile.billing.provisioning.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.AttemptOutcome.Kind;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** The client ports requests came from: one per connection. */
    private final Set<Integer> peers = ConcurrentHashMap.newKeySet();

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private HttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", ex -> {
            peers.add(ex.getRemoteAddress().getPort());
            answer(ex, 200, "done");
        });
        server.createContext("/created", ex -> answer(ex, 201, "id=7\nlogin=u7\nstatus=active\n"));
        server.createContext("/missing", ex -> answer(ex, 404, "no such user"));
        server.createContext("/busy", ex -> answer(ex, 503, "try later"));
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "https://new.example/api/users");
            answer(ex, 302, "");
        });
        server.createContext("/hang", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200, "too late");
        });
        server.createContext("/drip", ex -> {
            // the status and the first byte at once, the rest never: the whole answer must come in time
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write('a');
            ex.getResponseBody().flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.createContext("/huge", ex -> answer(ex, 200, "x".repeat(200_000)));
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            received.add("X-Tag=" + ex.getRequestHeaders().getFirst("X-Tag"));
            received.add("Authorization=" + ex.getRequestHeaders().getFirst("Authorization"));
            received.add("Content-Type=" + ex.getRequestHeaders().getFirst("Content-Type"));
            received.add("body=" + body);
            answer(ex, 200, "ok");
        });
        server.start();
        transport = new HttpTransport(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        release.countDown();
        transport.close();
        server.stop(0);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = "HEAD".equals(ex.getRequestMethod()) ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private AttemptOutcome send(String template) {
        return transport.send(HttpRequestText.parse(template), TIMEOUT, (stream, line) -> {
            assertThat(stream).isEqualTo(Stream.TRANSPORT);
            log.add(line);
        });
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void okIsSuccess() {
        assertThat(send("GET " + url("/ok"))).isEqualTo(AttemptOutcome.success(200, "HTTP 200"));
        assertThat(log).contains("> GET " + url("/ok"), "< HTTP 200", "< done");
    }

    @Test
    void createdIsSuccessAndItsBodyIsLoggedLineByLine() {
        AttemptOutcome outcome = send("POST " + url("/created") + "\n\nlogin=u7");
        assertThat(outcome.kind()).isEqualTo(Kind.SUCCESS);
        assertThat(outcome.exitStatus()).isEqualTo(201);
        assertThat(log).containsSubsequence("< HTTP 201", "< id=7", "< login=u7", "< status=active");
    }

    @Test
    void notFoundFailsWithoutRetry() {
        AttemptOutcome outcome = send("DELETE " + url("/missing"));
        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.exitStatus()).isEqualTo(404);
        assertThat(log).contains("< no such user");
    }

    @Test
    void serviceUnavailableIsRetried() {
        AttemptOutcome outcome = send("PUT " + url("/busy") + "\n\nx");
        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.exitStatus()).isEqualTo(503);
    }

    @Test
    void redirectFailsNamingTheLocationAndIsNotFollowed() {
        AttemptOutcome outcome = send("GET " + url("/moved"));
        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.exitStatus()).isEqualTo(302);
        assertThat(outcome.message()).contains("https://new.example/api/users");
    }

    @Test
    void hangingServerEndsInRetryWithinTheTimeout() {
        long start = System.nanoTime();
        AttemptOutcome outcome = send("GET " + url("/hang"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.exitStatus()).isNull();
        assertThat(millis).isLessThan(TIMEOUT.toMillis() + 3_000);
    }

    @Test
    void bodyStillComingAtTheTimeoutEndsInRetryWithinTheTimeout() {
        long start = System.nanoTime();
        AttemptOutcome outcome = send("GET " + url("/drip"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.message()).contains("no complete response within " + TIMEOUT.toMillis() + " ms");
        assertThat(millis).isLessThan(TIMEOUT.toMillis() + 3_000);
    }

    @Test
    void connectionsAreReusedAcrossRequests() {
        for (int i = 0; i < 20; i++) {
            assertThat(send("GET " + url("/ok")).kind()).isEqualTo(Kind.SUCCESS);
        }
        assertThat(peers).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void refusedConnectionIsRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AttemptOutcome outcome = send("GET http://127.0.0.1:" + closedPort + "/x");
        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.exitStatus()).isNull();
        assertThat(outcome.message()).contains("ConnectException");
    }

    @Test
    void sendsMethodHeadersAndBodyAsRenderedAndNeverLogsTheAuthorizationValue() {
        AttemptOutcome outcome = send("PATCH " + url("/echo?user=7&token=s3cr3t-query") + "\n"
                + "Authorization: Bearer s3cr3t-token\nX-Tag: tariff-100\nContent-Type: application/json\n\n"
                + "{\"speed\": 100}\n{\"line\": 2}");
        assertThat(outcome.kind()).isEqualTo(Kind.SUCCESS);
        assertThat(received)
                .containsExactly(
                        "PATCH /echo?user=7&token=s3cr3t-query",
                        "X-Tag=tariff-100",
                        "Authorization=Bearer s3cr3t-token",
                        "Content-Type=application/json",
                        "body={\"speed\": 100}\n{\"line\": 2}");
        assertThat(log).contains("> Authorization: ***", "> X-Tag: tariff-100");
        assertThat(String.join("\n", log)).doesNotContain("s3cr3t");
    }

    @Test
    void headRequestHasNoBodyAndSucceeds() {
        assertThat(send("HEAD " + url("/ok")).kind()).isEqualTo(Kind.SUCCESS);
    }

    @Test
    void longBodyIsCutInTheLogAndSaysSo() {
        AttemptOutcome outcome = send("GET " + url("/huge"));
        assertThat(outcome.kind()).isEqualTo(Kind.SUCCESS);
        assertThat(log).contains("< (body cut after 65536 bytes)");
        assertThat(log).anySatisfy(line -> assertThat(line).isEqualTo("< " + "x".repeat(65536)));
    }
}
