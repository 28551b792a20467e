package io.lastmile.fiscal.provider.tbank;

import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** T-Bank's acquiring API v2: signed JSON POSTs to {@code <apiBaseUrl>/<Method>}. */
final class TbankClient {

    static final String DEFAULT_BASE_URL = "https://securepay.tinkoff.ru/v2";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;

    TbankClient(HttpClient http) {
        this.http = http;
    }

    /**
     * Calls a method with the given root values (TerminalKey and Token added) and returns T-Bank's
     * answer when {@code Success} is true.
     *
     * @throws ProviderUnavailableException when T-Bank did not answer, or answered Success=false
     */
    JsonNode call(String method, Map<String, String> values, ProviderConfig config) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("TerminalKey", config.require(TbankProvider.TERMINAL_KEY));
        signed.putAll(values);
        ObjectNode body = JSON.createObjectNode();
        signed.forEach(body::put);
        body.put("Token", TbankToken.of(signed, config.require(TbankProvider.PASSWORD)));
        String base = config.value(TbankProvider.API_BASE_URL).orElse(DEFAULT_BASE_URL);
        HttpRequest request = HttpRequest.newBuilder(URI.create(trimSlash(base) + "/" + method))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailableException("T-Bank " + method + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("T-Bank " + method + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new ProviderUnavailableException("T-Bank " + method + " answered HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ProviderUnavailableException("T-Bank " + method + " answered no JSON", e);
        }
        if (!answer.path("Success").asBoolean(false)) {
            throw new ProviderUnavailableException("T-Bank " + method + " refused: ErrorCode "
                    + answer.path("ErrorCode").asString("?") + " "
                    + answer.path("Message").asString("")
                    + " " + answer.path("Details").asString(""));
        }
        return answer;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
