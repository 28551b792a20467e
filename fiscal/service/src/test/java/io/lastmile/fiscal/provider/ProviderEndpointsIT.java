package io.lastmile.fiscal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.provider.testing.FakeSpi;
import io.lastmile.fiscal.provider.testing.LocalApi;
import io.lastmile.testkit.PostgresExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The three adapters' notification endpoints in the running application over real HTTP, with the
 * payment SPI played by {@link FakeSpi} (primary over the core's) and the providers' APIs by a
 * local server; fiscal's own security chain lets /pay/** in without a token.
 */
@ExtendWith(PostgresExtension.class)
@Import(TestPeers.class)
@SpringBootTest(
        classes = {FiscalApplication.class, ProviderEndpointsIT.Spi.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
class ProviderEndpointsIT {

    private static final LocalApi API = localApi();
    private static final String YOOKASSA_ID = "22d6d597-000f-5000-9000-145f6df21d6f";

    @TestConfiguration
    static class Spi {
        @Bean
        @Primary
        FakeSpi fakeSpi() {
            return new FakeSpi();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
    }

    @Autowired
    FakeSpi spi;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void providers() {
        spi.received.clear();
        spi.config(new ProviderConfig("tbank", true, false, Map.of("terminalKey", "TestTerminal", "password", "pass")));
        spi.config(new ProviderConfig(
                "sberbank",
                true,
                false,
                Map.of("userName", "shop-api", "password", "pw", "callbackKey", "yourSecretToken")));
        spi.config(new ProviderConfig(
                "yookassa",
                true,
                false,
                Map.of(
                        "shopId",
                        "54401",
                        "secretKey",
                        "k",
                        "apiBaseUrl",
                        API.baseUrl("/v3"),
                        "sourceNetworks",
                        "127.0.0.1/32")));
        spi.invoice(42, "1000.00", "RUB");
        spi.invoice(10747, "350000.99", "RUB");
        spi.invoice(72, "2.00", "RUB");
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @Test
    void tbanksNotificationDelivered50TimesInParallelBooksOnce() throws Exception {
        String body = tbankConfirmed();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> answers = IntStream.range(0, 50)
                    .mapToObj(i -> pool.submit(() -> post("/pay/tbank", "application/json", body)))
                    .toList();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
                assertThat(answer.get().body()).isEqualTo("OK");
            }
        }

        assertThat(spi.booked()).filteredOn(p -> p.provider().equals("tbank")).hasSize(1);
    }

    @Test
    void tbankRefusesATamperedNotificationWithoutAToken() throws Exception {
        HttpResponse<String> answer =
                post("/pay/tbank", "application/json", tbankConfirmed().replace("100000", "100001"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isNotEqualTo("OK");
        assertThat(spi.received).isEmpty();
    }

    @Test
    void sberbanksCallbackByGetAndByFormPost() throws Exception {
        String query = query(Map.of(
                "mdOrder",
                "3ff6962a-7dcc-4283-ab50-a6d7dd3386fe",
                "orderNumber",
                "10747",
                "operation",
                "deposited",
                "status",
                "1",
                "amount",
                "35000099",
                "checksum",
                "D6F9826B27780C413BC8F6130AD5658848418174672A99FE3BA7711EE501469F"));

        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create(url("/pay/sberbank?" + query)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> form = post("/pay/sberbank", "application/x-www-form-urlencoded", query);
        HttpResponse<String> tampered =
                post("/pay/sberbank", "application/x-www-form-urlencoded", query.replace("35000099", "35000098"));

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(spi.booked())
                .filteredOn(p -> p.provider().equals("sberbank"))
                .singleElement()
                .satisfies(p -> assertThat(p.amount()).isEqualByComparingTo("350000.99"));
    }

    @Test
    void yookassasNotificationFromItsNetworkIsConfirmedThroughTheApi() throws Exception {
        API.answer("/v3/payments/" + YOOKASSA_ID, 200, """
                {"id":"%s","status":"succeeded","paid":true,"amount":{"value":"2.00","currency":"RUB"},
                 "captured_at":"2018-07-10T14:28:10.230Z","metadata":{"invoice_id":"72"},"test":false}""".formatted(YOOKASSA_ID));
        String notification = """
                {"type":"notification","event":"payment.succeeded","object":{"id":"%s","status":"succeeded",
                 "paid":true,"amount":{"value":"2.00","currency":"RUB"},"metadata":{"invoice_id":"72"}}}""".formatted(YOOKASSA_ID);

        HttpResponse<String> heard = post("/pay/yookassa", "application/json", notification);
        spi.config(new ProviderConfig(
                "yookassa",
                true,
                false,
                Map.of("shopId", "54401", "secretKey", "k", "apiBaseUrl", API.baseUrl("/v3"))));
        HttpResponse<String> outside = post("/pay/yookassa", "application/json", notification);

        assertThat(heard.statusCode()).isEqualTo(200);
        assertThat(outside.statusCode())
                .as("127.0.0.1 is not in YooKassa's published networks")
                .isEqualTo(403);
        assertThat(spi.booked())
                .filteredOn(p -> p.provider().equals("yookassa"))
                .singleElement()
                .satisfies(p -> assertThat(p.invoiceId()).isEqualTo(72L));
    }

    private static String tbankConfirmed() {
        return """
                {"TerminalKey":"TestTerminal","OrderId":"42","Success":true,"Status":"CONFIRMED",\
                "PaymentId":7777777777,"ErrorCode":"0","Amount":100000,"CardId":322271,\
                "Pan":"430000******0777","ExpDate":"1122",\
                "Token":"c4ee4b400357f0f5f6e22955843da7bd7250c4f826fffda66f63ad7adb407757"}""";
    }

    private HttpResponse<String> post(String path, String type, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static LocalApi localApi() {
        try {
            return new LocalApi();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
