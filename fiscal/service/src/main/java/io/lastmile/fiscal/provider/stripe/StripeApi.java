package io.lastmile.fiscal.provider.stripe;

import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's API: form-encoded requests, the secret key as a bearer token, JSON answers; an error
 * is {@code {"error": {"type": .., "message": ..}}} with a 4xx or 5xx status.
 */
final class StripeApi {

    static final String DEFAULT_BASE_URL = "https://api.stripe.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @return empty on 404 (Stripe knows no such object) */
    Optional<JsonNode> get(ProviderConfig config, String path, Map<String, String> query) {
        String url = base(config) + path + (query.isEmpty() ? "" : "?" + form(query));
        return send(config, HttpRequest.newBuilder(URI.create(url)).GET(), path);
    }

    JsonNode post(ProviderConfig config, String path, Map<String, String> form, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(config) + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        return send(config, request, path)
                .orElseThrow(() -> new ProviderUnavailableException("Stripe answered " + path + " with 404"));
    }

    private Optional<JsonNode> send(ProviderConfig config, HttpRequest.Builder request, String path) {
        request.timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + config.require(StripeProvider.SECRET_KEY));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailableException("Stripe did not answer " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted calling Stripe " + path, e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ProviderUnavailableException(
                    "Stripe answered " + path + " with HTTP " + response.statusCode() + " and no JSON");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ProviderUnavailableException("Stripe answered " + path + " with HTTP " + response.statusCode()
                    + ": " + answer.path("error").path("message").asString("no message"));
        }
        return Optional.of(answer);
    }

    private static String base(ProviderConfig config) {
        String base = config.value(StripeProvider.API_BASE_URL).orElse(DEFAULT_BASE_URL);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
