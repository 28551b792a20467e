package io.lastmile.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import io.lastmile.testkit.ApplianceLauncher;
import io.lastmile.testkit.TestTokens;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The whole appliance, started by the real ./lastmile on its own loopback addresses (127.0.2.x)
 * and its own embedded PostgreSQL, then checked the way an operator and the modules meet it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplianceIT {

    private static final List<String> MODULES =
            List.of("base", "auth", "billing", "cabinet", "fiscal", "collector", "monitoring");
    private static final String BILLING = "http://127.0.2.3:8080";
    private static final String CABINET = "http://127.0.2.4:8080";
    private static final String AUTH = "http://127.0.2.2:8080";
    private static final String FISCAL = "http://127.0.2.5:8080";
    private static final String COLLECTOR = "http://127.0.2.6:8080";

    @TempDir
    static Path work;

    private ApplianceLauncher appliance;
    private ApplianceLauncher.Result up;
    private Map<String, Object> account;
    private List<Long> stoppedPids = List.of();

    @BeforeAll
    void startTheAppliance() {
        appliance = ApplianceLauncher.fromShippedConfig(work, "127.0.2.", freePort())
                // the live traffic test should not wait the production minute for a flush
                .withJvmOptions(
                        "collector",
                        "-Dlastmile.collector.traffic.flush-interval=2s",
                        "-Dlastmile.collector.traffic.map-interval=1s");
        up = appliance.up();
    }

    @AfterAll
    void stopTheAppliance() {
        if (appliance != null) {
            appliance.close();
        }
    }

    @Test
    @Order(1)
    void upBringsEveryModuleToHealthAndPrintsTheTableWithTheAdminLogin() {
        assertThat(up.exitCode()).as(up.output()).isZero();
        for (String module : MODULES) {
            assertThat(up.output()).containsPattern("(?m)^" + module + "\\s+http://127\\.0\\.2\\.\\d:8080\\s+UP");
        }
        assertThat(up.output()).contains("admin").containsPattern("password\\W+\\S{12,}");

        List<Map<String, Object>> status = appliance.status();
        assertThat(status).extracting(m -> m.get("name")).containsExactlyElementsOf(MODULES);
        assertThat(status).allSatisfy(m -> {
            assertThat(m.get("status")).as(m.toString()).isEqualTo("UP");
            assertThat(((Number) m.get("pid")).longValue()).isPositive();
            assertThat(((Number) m.get("rssMb")).longValue()).isPositive();
        });
    }

    @Test
    @Order(2)
    void eachModuleAnswersOnItsOwnAddress() {
        Set<String> urls =
                appliance.status().stream().map(m -> (String) m.get("url")).collect(Collectors.toSet());
        assertThat(urls).hasSize(MODULES.size());
        for (int i = 1; i < MODULES.size(); i++) {
            String module = MODULES.get(i);
            String url = "http://127.0.2." + (i + 1) + ":8080";
            ResponseEntity<Map> info =
                    anonymous(url).get().uri("/actuator/info").retrieve().toEntity(Map.class);
            assertThat(info.getBody()).as(url).containsEntry("module", module);
            assertThat(anonymous(url).get().uri("/actuator/health").retrieve().body(Map.class))
                    .containsEntry("status", "UP");
        }
    }

    @Test
    @Order(3)
    void cabinetReadsAnAccountFromBillingWithItsOwnServiceToken() {
        RestClient admin = client(BILLING, appliance.adminToken());
        account = admin.post()
                .uri("/api/v1/accounts")
                .body(Map.of("contract", "IT-" + System.nanoTime(), "name", "Acceptance", "currency", "RUB"))
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        long id = ((Number) account.get("id")).longValue();

        ResponseEntity<Map> overview = client(CABINET, appliance.adminToken())
                .get()
                .uri("/api/v1/accounts/{id}/overview", id)
                .retrieve()
                .toEntity(Map.class);

        assertThat(overview.getStatusCode().value())
                .as(String.valueOf(overview.getBody()))
                .isEqualTo(200);
        assertThat(overview.getBody())
                .containsEntry("contract", account.get("contract"))
                .containsEntry("name", "Acceptance");
    }

    /**
     * A payment system's signed notification to the real fiscal ends as one PAYMENT in the real
     * billing's ledger, through fiscal's outbox and billing's batch endpoint; delivered again, it
     * books nothing more.
     */
    @Test
    @Order(3)
    void aSignedCloudPaymentsNotificationToFiscalIsCreditedOnceInBillingsLedger() throws Exception {
        String secret = "it-secret-" + System.nanoTime();
        ResponseEntity<String> enabled = client(FISCAL, appliance.adminToken())
                .put()
                .uri("/api/v1/providers/cloudpayments")
                .body(Map.of(
                        "enabled", true,
                        "testMode", false,
                        "settings", Map.of("publicId", "pk_acceptance", "apiSecret", secret)))
                .retrieve()
                .toEntity(String.class);
        assertThat(enabled.getStatusCode().value()).as(enabled.getBody()).isEqualTo(200);
        String contract = "PAY-" + System.nanoTime();
        Map<String, Object> payer = client(BILLING, appliance.adminToken())
                .post()
                .uri("/api/v1/accounts")
                .body(Map.of("contract", contract, "name", "Payer", "currency", "RUB"))
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        long id = ((Number) payer.get("id")).longValue();
        String body = "TransactionId=" + System.nanoTime() % 1_000_000_000 + "&Amount=150.50&Currency=RUB"
                + "&DateTime=2026-12-07+10%3A00%3A00&CardFirstSix=424242&CardLastFour=4242&CardType=Visa"
                + "&TestMode=0&Status=Completed&OperationType=Payment&AccountId=" + contract;

        for (int delivery = 0; delivery < 2; delivery++) {
            ResponseEntity<String> answer = anonymous(FISCAL)
                    .post()
                    .uri("/pay/cloudpayments/pay")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Content-HMAC", hmacBase64(secret, body))
                    .body(body)
                    .retrieve()
                    .toEntity(String.class);
            assertThat(answer.getBody()).as("delivery " + delivery).contains("\"code\":0");
        }

        List<Map<String, Object>> ledger = awaitLedger(id, Duration.ofSeconds(60));
        assertThat(ledger).hasSize(1);
        assertThat(ledger.getFirst()).containsEntry("kind", "PAYMENT").containsEntry("paymentMethod", "cloudpayments");
        assertThat(new BigDecimal(String.valueOf(ledger.getFirst().get("amount"))))
                .isEqualByComparingTo("150.50");
        Map<String, Object> account = client(BILLING, appliance.adminToken())
                .get()
                .uri("/api/v1/accounts/{id}", id)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat(new BigDecimal(String.valueOf(account.get("balance")))).isEqualByComparingTo("150.50");
        Map<String, Object> payments = client(FISCAL, appliance.adminToken())
                .get()
                .uri("/api/v1/payments?accountId={id}", id)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) payments.get("items");
        assertThat(items).hasSize(1);
        assertThat(String.valueOf(items.getFirst().get("billing")))
                .contains("CREDITED")
                .contains(String.valueOf(ledger.getFirst().get("id")));
    }

    /**
     * Traffic made here, exported by Debian's softflowd as NetFlow v9 (IPv4) and IPFIX (IPv6) to the
     * running collector's listeners: billing books each subscriber's bytes and packets exactly as
     * sent, per direction and traffic class, and the collector keeps nobody's traffic for the NOC.
     */
    @Test
    @Order(3)
    void flowsThatSoftflowdExportsToTheCollectorReachBillingAsEachSubscribersTraffic() throws Exception {
        RestClient billing = client(BILLING, appliance.adminToken());
        RestClient collector = client(COLLECTOR, appliance.adminToken());
        long v4 = newAccount(billing, "TRAFFIC-4-");
        long v6 = newAccount(billing, "TRAFFIC-6-");
        assertThat(post(billing, "/api/v1/accounts/" + v4 + "/addresses", Map.of("prefix", "10.99.0.5")))
                .isEqualTo(201);
        assertThat(post(billing, "/api/v1/accounts/" + v6 + "/addresses", Map.of("prefix", "2001:db8:99::/64")))
                .isEqualTo(201);
        Map<String, Object> city =
                Map.of("code", "city", "name", "City network", "prefixes", List.of("198.51.100.0/24"));
        assertThat(post(billing, "/api/v1/traffic/classes", city)).isEqualTo(201);
        long version = LiveTraffic.mapVersion(billing);
        assertThat(LiveTraffic.await(
                        () -> LiveTraffic.collectorMapVersion(collector) >= version, true, Duration.ofSeconds(30)))
                .as("the collector takes billing's new map")
                .isTrue();

        long first = Instant.now().getEpochSecond() - 30;
        SubscriberTraffic ipv4 = new SubscriberTraffic(first)
                .packets(30, 6, "203.0.113.7", 443, "10.99.0.5", 50000, 1200)
                .packets(30, 6, "10.99.0.5", 50000, "203.0.113.7", 443, 0)
                .packets(10, 17, "10.99.0.5", 40001, "198.51.100.9", 53, 40)
                .packets(5, 17, "192.0.2.1", 1000, "192.0.2.2", 2000, 100);
        SubscriberTraffic ipv6 = new SubscriberTraffic(first)
                .packets(20, 6, "2001:db8:ffff::7", 443, "2001:db8:99::5", 50000, 1000)
                .packets(20, 6, "2001:db8:99::5", 50000, "2001:db8:ffff::7", 443, 0);
        LiveTraffic.softflowd(ipv4.write(work.resolve("ipv4.pcap")), 9, "127.0.2.6:2055");
        LiveTraffic.softflowd(ipv6.write(work.resolve("ipv6.pcap")), 10, "127.0.2.6:4739");

        Instant from = Instant.now().minus(Duration.ofHours(2));
        Instant to = Instant.now().plus(Duration.ofHours(1));
        Map<String, List<Long>> expected4 = Map.of(
                "internet IN", LiveTraffic.totals(ipv4.sent("203.0.113.7", "10.99.0.5")),
                "internet OUT", LiveTraffic.totals(ipv4.sent("10.99.0.5", "203.0.113.7")),
                "city OUT", LiveTraffic.totals(ipv4.sent("10.99.0.5", "198.51.100.9")));
        Map<String, List<Long>> expected6 = Map.of(
                "internet IN", LiveTraffic.totals(ipv6.sent("2001:db8:ffff::7", "2001:db8:99::5")),
                "internet OUT", LiveTraffic.totals(ipv6.sent("2001:db8:99::5", "2001:db8:ffff::7")));
        assertThat(LiveTraffic.await(
                        () -> LiveTraffic.booked(billing, v4, from, to), expected4, Duration.ofSeconds(60)))
                .isEqualTo(expected4);
        assertThat(LiveTraffic.await(
                        () -> LiveTraffic.booked(billing, v6, from, to), expected6, Duration.ofSeconds(30)))
                .isEqualTo(expected6);
        assertThat(LiveTraffic.unmatchedBytes(collector)).isEqualTo(ipv4.sent("192.0.2.1", "192.0.2.2")[0]);
        Thread.sleep(4000); // two more flushes: a flow counted twice would show by now
        assertThat(LiveTraffic.booked(billing, v4, from, to)).isEqualTo(expected4);
    }

    private static long newAccount(RestClient billing, String contractPrefix) {
        Map<String, Object> created = billing.post()
                .uri("/api/v1/accounts")
                .body(Map.of("contract", contractPrefix + System.nanoTime(), "name", "Traffic", "currency", "RUB"))
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        return ((Number) created.get("id")).longValue();
    }

    private static int post(RestClient client, String uri, Object body) {
        return client.post()
                .uri(uri)
                .body(body)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }

    private List<Map<String, Object>> awaitLedger(long account, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        List<Map<String, Object>> ledger = List.of();
        while (Instant.now().isBefore(end)) {
            ledger = client(BILLING, appliance.adminToken())
                    .get()
                    .uri("/api/v1/accounts/{id}/ledger", account)
                    .retrieve()
                    .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
            if (!ledger.isEmpty()) {
                Thread.sleep(1000); // a second delivery booked twice would show by now
                return client(BILLING, appliance.adminToken())
                        .get()
                        .uri("/api/v1/accounts/{id}/ledger", account)
                        .retrieve()
                        .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
            }
            Thread.sleep(250);
        }
        return ledger;
    }

    private static String hmacBase64(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(4)
    void billingRefusesNoTokenAnExpiredTokenAndAForeignKey() throws Exception {
        RSAKey authKey = authSigningKey();
        TestTokens real = TestTokens.withKey(authKey, AUTH);
        TestTokens forger = TestTokens.generate(AUTH, authKey.getKeyID());

        assertThat(accountStatus(null)).isEqualTo(401);
        assertThat(accountStatus(real.sign(
                        "cabinet",
                        List.of("service"),
                        Instant.now().minus(Duration.ofHours(1)),
                        Instant.now().minus(Duration.ofMinutes(30)))))
                .as("expired, though signed with auth's own key")
                .isEqualTo(401);
        assertThat(accountStatus(forger.token("cabinet", "service")))
                .as("auth's key id and issuer, another key")
                .isEqualTo(401);
        assertThat(accountStatus(TestTokens.generate().token("cabinet", "service")))
                .isEqualTo(401);
        assertThat(accountStatus(real.token("cabinet", "service")))
                .as("the same claims signed by auth's key pass: the refusals above are for the key and expiry")
                .isIn(200, 404);
    }

    @Test
    @Order(5)
    void baseRestartsAModuleWhoseProcessWasKilled() throws Exception {
        long pid = ((Number) appliance.module("billing").get("pid")).longValue();
        ProcessHandle billingProcess = ProcessHandle.of(pid).orElseThrow();
        billingProcess.destroyForcibly();
        billingProcess.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);

        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Map<String, Object> billing = appliance.module("billing");
        while (Instant.now().isBefore(deadline)
                && !("UP".equals(billing.get("status"))
                        && billing.get("pid") != null
                        && ((Number) billing.get("pid")).longValue() != pid)) {
            Thread.sleep(1000);
            billing = appliance.module("billing");
        }

        assertThat(billing.get("status")).as(billing.toString()).isEqualTo("UP");
        assertThat(((Number) billing.get("pid")).longValue()).isNotEqualTo(pid);
        assertThat(anonymous(BILLING).get().uri("/actuator/health").retrieve().body(Map.class))
                .containsEntry("status", "UP");
    }

    @Test
    @Order(6)
    void downLeavesNoProcessBehind() {
        List<Long> pids = appliance.status().stream()
                .map(m -> ((Number) m.get("pid")).longValue())
                .toList();
        long postmaster = appliance.postmaster().orElseThrow().pid();

        ApplianceLauncher.Result down = appliance.run(Duration.ofMinutes(3), "down");
        stoppedPids = pids;

        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(pids)
                .allSatisfy(pid -> assertThat(running(pid)).as("pid " + pid).isFalse());
        assertThat(running(postmaster)).as("the embedded PostgreSQL").isFalse();
        assertThat(appliance.processesLeft()).isEmpty();
        assertThat(appliance.run(Duration.ofMinutes(1), "status", "--json").output())
                .doesNotContain("\"UP\"");
    }

    @Test
    @Order(7)
    void upAgainStartsFreshProcessesAndKeepsTheData() {
        ApplianceLauncher.Result again = appliance.up();

        assertThat(again.exitCode()).as(again.output()).isZero();
        List<Map<String, Object>> status = appliance.status();
        assertThat(status).allSatisfy(m -> {
            assertThat(m.get("status")).as(m.toString()).isEqualTo("UP");
            assertThat(((Number) m.get("pid")).longValue()).isNotIn(stoppedPids);
        });
        Map<String, Object> read = client(BILLING, appliance.adminToken())
                .get()
                .uri("/api/v1/accounts/{id}", account.get("id"))
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat(read).containsEntry("contract", account.get("contract"));
    }

    /** Alive and not a zombie: an exited process waits here for its parent (or init) to reap it. */
    private static boolean running(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    private int accountStatus(String token) {
        return client(BILLING, token)
                .get()
                .uri("/api/v1/accounts/1")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }

    /** auth's signing key, read from its database with the credentials base generated. */
    private RSAKey authSigningKey() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + appliance.postgresPort() + "/auth";
        try (Connection c = DriverManager.getConnection(
                        url, "auth", appliance.secret("db.auth.password").orElseThrow());
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT kid, public_key, private_key FROM signing_key WHERE retired_at IS NULL")) {
            assertThat(rs.next()).isTrue();
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(rs.getBytes(2))))
                    .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes(3))))
                    .keyID(rs.getString(1))
                    .build();
        }
    }

    private static RestClient anonymous(String url) {
        return client(url, null);
    }

    private static RestClient client(String url, String token) {
        return RestClient.builder()
                .baseUrl(url)
                .defaultHeaders(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
