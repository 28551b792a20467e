package io.lastmile.fiscal.provider.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSetting;
import io.lastmile.fiscal.payment.ProviderSettings;
import io.lastmile.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(PostgresExtension.class)
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
@Import({TestPeers.class, ProviderSettingsIT.Demo.class})
class ProviderSettingsIT {

    @TestConfiguration
    static class Demo {
        @Bean
        PaymentProvider demo() {
            return new PaymentProvider() {
                @Override
                public String name() {
                    return "demo";
                }

                @Override
                public List<ProviderSetting> settings() {
                    return List.of(
                            ProviderSetting.required("shopId", "the shop's id"),
                            ProviderSetting.secret("secretKey", "the API key"),
                            ProviderSetting.optional("baseUrl", "the API's address"));
                }
            };
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ProviderSettings settings;

    @Autowired
    DSLContext db;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void keepsSecretsSealedAndNeverShowsThem() throws Exception {
        var put = call(
                "PUT",
                "/api/v1/providers/demo",
                TestPeers.TOKENS.admin(),
                "{\"enabled\":true,\"testMode\":true,\"settings\":{\"shopId\":\"42\",\"secretKey\":\"s3cr3t-value\"}}");
        var later = call(
                "PUT", "/api/v1/providers/demo", TestPeers.TOKENS.admin(), "{\"settings\":{\"baseUrl\":\"http://x\"}}");
        var get = call("GET", "/api/v1/providers/demo", TestPeers.TOKENS.readonly(), null);
        var list = call("GET", "/api/v1/providers", TestPeers.TOKENS.cashier(), null);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(get.body())
                .contains("\"enabled\":true", "\"testMode\":true", "\"value\":\"42\"", "\"name\":\"secretKey\"")
                .doesNotContain("s3cr3t-value");
        assertThat(list.body()).contains("\"provider\":\"demo\"").doesNotContain("s3cr3t-value");
        ProviderConfig config = settings.of("demo");
        assertThat(config.enabled()).isTrue();
        assertThat(config.require("secretKey"))
                .as("a secret left out keeps its value")
                .isEqualTo("s3cr3t-value");
        assertThat(config.require("baseUrl")).isEqualTo("http://x");
        byte[] stored = (byte[]) db.fetchValue("select secrets from provider_settings where provider = 'demo'");
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void refusesAnUnknownProviderAnUnknownSettingAndEnablingWithoutARequiredOne() throws Exception {
        var unknownProvider = call("PUT", "/api/v1/providers/nosuch", TestPeers.TOKENS.admin(), "{\"enabled\":false}");
        var unknownSetting =
                call("PUT", "/api/v1/providers/demo", TestPeers.TOKENS.admin(), "{\"settings\":{\"colour\":\"red\"}}");
        var missing = call(
                "PUT",
                "/api/v1/providers/demo",
                TestPeers.TOKENS.admin(),
                "{\"enabled\":true,\"settings\":{\"shopId\":\"\",\"secretKey\":\"k\"}}");

        assertThat(unknownProvider.statusCode()).isEqualTo(404);
        assertThat(unknownSetting.statusCode()).isEqualTo(400);
        assertThat(unknownSetting.body()).contains("colour");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("shopId");
    }

    @Test
    void letsProviderNotificationsInWithoutATokenButNotTheApi() throws Exception {
        var notification = call("GET", "/pay/nosuch", null, null);
        var api = call("GET", "/api/v1/providers", null, null);
        var cashierWrites = call("PUT", "/api/v1/providers/demo", TestPeers.TOKENS.cashier(), "{}");

        assertThat(notification.statusCode())
                .as("reaches fiscal, which has no such endpoint")
                .isEqualTo(404);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(cashierWrites.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
