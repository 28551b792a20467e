package io.lastmile.fiscal.provider.cloudpayments;

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
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudPayments' API: JSON over POST, HTTP Basic with the Public ID as the user and the API
 * Secret as the password; every answer is {@code {"Success": .., "Message": .., "Model": ..}}.
 */
final class CloudPaymentsApi {

    static final String DEFAULT_BASE_URL = "https://api.cloudpayments.ru";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The answer's object; {@code Success: false} comes back as it is, for the caller to read. */
    JsonNode call(ProviderConfig config, String path, Map<String, ?> request) {
        String base = config.value(CloudPaymentsProvider.API_BASE_URL).orElse(DEFAULT_BASE_URL);
        String credentials = config.require(CloudPaymentsProvider.PUBLIC_ID) + ":"
                + config.require(CloudPaymentsProvider.API_SECRET);
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(stripSlash(base) + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailableException("CloudPayments did not answer " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted calling CloudPayments " + path, e);
        }
        if (response.statusCode() != 200) {
            throw new ProviderUnavailableException(
                    "CloudPayments answered " + path + " with HTTP " + response.statusCode());
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (answer == null || !answer.isObject()) {
                throw new ProviderUnavailableException("CloudPayments answered " + path + " with no JSON object");
            }
            return answer;
        } catch (JacksonException e) {
            throw new ProviderUnavailableException("CloudPayments answered " + path + " with no JSON", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
