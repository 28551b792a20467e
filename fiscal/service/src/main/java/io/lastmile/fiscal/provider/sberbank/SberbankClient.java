package io.lastmile.fiscal.provider.sberbank;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sberbank's REST gateway: form-encoded POSTs to {@code <apiBaseUrl>/<method>.do}, JSON answers. */
final class SberbankClient {

    static final String DEFAULT_BASE_URL = "https://securepayments.sberbank.ru/payment/rest";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;

    SberbankClient(HttpClient http) {
        this.http = http;
    }

    /** The gateway's answer (its errorCode is the caller's to read). */
    JsonNode call(String method, Map<String, String> params, ProviderConfig config) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("userName", config.require(SberbankProvider.USER_NAME));
        form.put("password", config.require(SberbankProvider.PASSWORD));
        form.putAll(params);
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String base = config.value(SberbankProvider.API_BASE_URL).orElse(DEFAULT_BASE_URL);
        HttpRequest request = HttpRequest.newBuilder(URI.create(trimSlash(base) + "/" + method))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailableException("Sberbank " + method + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Sberbank " + method + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new ProviderUnavailableException("Sberbank " + method + " answered HTTP " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ProviderUnavailableException("Sberbank " + method + " answered no JSON", e);
        }
    }

    static String errorCode(JsonNode answer) {
        return answer.path("errorCode").asString("0");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
