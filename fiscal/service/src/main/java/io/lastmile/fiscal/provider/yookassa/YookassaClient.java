package io.lastmile.fiscal.provider.yookassa;

import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** YooKassa's API v3: HTTP Basic with the shop id and the secret key, JSON both ways. */
final class YookassaClient {

    static final String DEFAULT_BASE_URL = "https://api.yookassa.ru/v3";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;

    YookassaClient(HttpClient http) {
        this.http = http;
    }

    /** GET of a path; empty when YooKassa answers 404. */
    Optional<JsonNode> get(String path, ProviderConfig config) {
        return send(request(path, config).GET().build(), true);
    }

    /** POST of a JSON body with YooKassa's Idempotence-Key. */
    JsonNode post(String path, JsonNode body, String idempotenceKey, ProviderConfig config) {
        HttpRequest request = request(path, config)
                .header("Content-Type", "application/json")
                .header("Idempotence-Key", idempotenceKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return send(request, false).orElseThrow();
    }

    private HttpRequest.Builder request(String path, ProviderConfig config) {
        String base = config.value(YookassaProvider.API_BASE_URL).orElse(DEFAULT_BASE_URL);
        String credentials =
                config.require(YookassaProvider.SHOP_ID) + ":" + config.require(YookassaProvider.SECRET_KEY);
        return HttpRequest.newBuilder(URI.create(trimSlash(base) + path))
                .timeout(TIMEOUT)
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<JsonNode> send(HttpRequest request, boolean notFoundIsEmpty) {
        String what = "YooKassa " + request.method() + " " + request.uri().getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailableException(what + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(what + " interrupted", e);
        }
        if (notFoundIsEmpty && response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ProviderUnavailableException(what + " answered HTTP " + response.statusCode() + ", no JSON", e);
        }
        if (response.statusCode() != 200) {
            throw new ProviderUnavailableException(what + " answered HTTP " + response.statusCode() + " "
                    + answer.path("code").asString("") + ": "
                    + answer.path("description").asString(""));
        }
        return Optional.of(answer);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
