package io.lastmile.fiscal.receipt.atol;

import io.lastmile.fiscal.receipt.FiscalException;
import io.lastmile.fiscal.receipt.FiscalRegistrar;
import io.lastmile.fiscal.receipt.FiscalReport;
import io.lastmile.fiscal.receipt.ReceiptDocument;
import io.lastmile.fiscal.receipt.ReceiptKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ATOL Online API v5: {@code getToken} (cached, renewed before its 24 h end and on a token error),
 * {@code sell} / {@code sell_refund} and {@code report/{uuid}}. The settings are read for each
 * call (an administrator may change them through the API); the cached token belongs to the base
 * URL, login, password and group it was got with and is dropped when any of them changes.
 */
public class AtolClient implements FiscalRegistrar {

    private static final Logger log = LoggerFactory.getLogger(AtolClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<AtolProperties> source;
    private final Clock clock;
    private final HttpClient http;
    private final Object tokenLock = new Object();
    private volatile String token;
    private volatile Credentials tokenFor;
    private volatile Instant tokenRenewAt = Instant.MIN;

    public AtolClient(AtolProperties settings, Clock clock) {
        this(() -> settings, settings.timeout(), clock);
    }

    /** A client reading its settings from {@code source} for every call. */
    public AtolClient(Supplier<AtolProperties> source, Duration connectTimeout, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /** What a token was got with: another value of any of them needs another token. */
    private record Credentials(String baseUrl, String login, String password, String groupCode) {
        static Credentials of(AtolProperties s) {
            return new Credentials(s.baseUrl(), s.login(), s.password(), s.groupCode());
        }

        @Override
        public String toString() {
            return "Credentials[" + baseUrl + ", " + login + ", ***, " + groupCode + "]";
        }
    }

    @Override
    public boolean enabled() {
        return source.get().enabled();
    }

    @Override
    public String name() {
        return "atol";
    }

    @Override
    public String register(ReceiptDocument document) {
        AtolProperties settings = source.get();
        ObjectNode body;
        try {
            body = AtolReceiptBody.of(document, settings);
        } catch (IllegalArgumentException e) {
            throw new FiscalException("invalid", e.getMessage(), false);
        }
        String operation = document.kind() == ReceiptKind.SELL ? "sell" : "sell_refund";
        Answer answer = withToken(
                settings,
                t -> call(
                        settings,
                        post(settings, groupPath(settings, operation), body.toString())
                                .header("Token", t)));
        if (answer.ok() || AtolErrors.duplicate(answer.code())) {
            String uuid = answer.body().path("uuid").asString("");
            if (!uuid.isBlank()) {
                return uuid;
            }
        }
        throw refused(operation, answer);
    }

    @Override
    public FiscalReport report(String documentId) {
        AtolProperties settings = source.get();
        Answer answer = withToken(
                settings,
                t -> call(
                        settings,
                        HttpRequest.newBuilder(uri(settings, groupPath(settings, "report/" + documentId)))
                                .timeout(settings.timeout())
                                .header("Token", t)
                                .GET()));
        String status = answer.body().path("status").asString("");
        if (answer.ok() || "fail".equals(status)) {
            return switch (status) {
                case "done" ->
                    new FiscalReport.Done(AtolReport.attributes(answer.body().path("payload"), settings));
                case "fail" ->
                    new FiscalReport.Failed(
                            answer.errorCode(),
                            answer.body().path("error").path("text").asString("failed"));
                default -> new FiscalReport.Waiting();
            };
        }
        throw refused("report", answer);
    }

    private Answer withToken(AtolProperties settings, java.util.function.Function<String, Answer> call) {
        Answer answer = call.apply(token(settings));
        if (!answer.ok() && AtolErrors.token(answer.code(), answer.status())) {
            log.info("ATOL refused the token (code {}), getting a new one", answer.code());
            invalidate();
            answer = call.apply(token(settings));
        }
        return answer;
    }

    String token() {
        return token(source.get());
    }

    private String token(AtolProperties settings) {
        Credentials credentials = Credentials.of(settings);
        synchronized (tokenLock) {
            if (token == null
                    || !credentials.equals(tokenFor)
                    || !clock.instant().isBefore(tokenRenewAt)) {
                token = null;
                ObjectNode login = JSON.createObjectNode();
                login.put("login", settings.login());
                login.put("pass", settings.password());
                Answer answer = call(settings, post(settings, "/possystem/v5/getToken", login.toString()));
                String fresh = answer.body().path("token").asString("");
                if (!answer.ok() || fresh.isBlank()) {
                    boolean temporary = AtolErrors.temporary(answer.code(), answer.status());
                    throw new FiscalException(
                            answer.errorCode(),
                            "ATOL refused the login" + (temporary ? " for now: " : " (check login and password): ")
                                    + answer.errorText(),
                            temporary);
                }
                token = fresh;
                tokenFor = credentials;
                tokenRenewAt = clock.instant().plus(settings.tokenLifetime());
            }
            return token;
        }
    }

    void invalidate() {
        synchronized (tokenLock) {
            token = null;
        }
    }

    private FiscalException refused(String operation, Answer answer) {
        return new FiscalException(
                answer.errorCode(),
                "ATOL " + operation + ": " + answer.errorText(),
                AtolErrors.temporary(answer.code(), answer.status()));
    }

    private static String groupPath(AtolProperties settings, String operation) {
        return "/possystem/v5/" + settings.groupCode() + "/" + operation;
    }

    private static URI uri(AtolProperties settings, String path) {
        String base = settings.baseUrl().endsWith("/")
                ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
                : settings.baseUrl();
        return URI.create(base + path);
    }

    private static HttpRequest.Builder post(AtolProperties settings, String path, String json) {
        return HttpRequest.newBuilder(uri(settings, path))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private Answer call(AtolProperties settings, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body() == null || response.body().isBlank()
                        ? JSON.createObjectNode()
                        : JSON.readTree(response.body());
            } catch (RuntimeException e) {
                body = JSON.createObjectNode();
            }
            return new Answer(response.statusCode(), body);
        } catch (HttpTimeoutException e) {
            throw new FiscalException("timeout", "ATOL did not answer within " + settings.timeout(), true, e);
        } catch (IOException e) {
            throw new FiscalException("unreachable", "ATOL could not be reached: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FiscalException("interrupted", "interrupted while calling ATOL", true, e);
        }
    }

    /** One HTTP answer: its status and JSON body ({@code error} is null or an object on success). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status / 100 == 2 && body.path("error").isNull()
                    || status / 100 == 2 && body.path("error").isMissingNode();
        }

        Integer code() {
            JsonNode code = body.path("error").path("code");
            return code.isNumber() ? code.asInt() : null;
        }

        String errorCode() {
            Integer code = code();
            return code != null ? String.valueOf(code) : "http " + status;
        }

        String errorText() {
            String text = body.path("error").path("text").asString("");
            return text.isBlank() ? "HTTP " + status : text + " (code " + code() + ")";
        }
    }
}
