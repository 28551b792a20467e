package io.lastmile.fiscal.receipt.atol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ATOL Online v5 on a loopback port, as its documentation describes it: {@code getToken} with
 * login and pass, {@code sell} and {@code sell_refund} with the {@code Token} header answering the
 * document's uuid in status {@code wait}, {@code report/{uuid}} answering {@code wait} and then
 * {@code done} with the documented payload; errors in the {@code error} object with their codes.
 */
public final class FakeAtol implements AutoCloseable {

    public static final String LOGIN = "v5-online-atol-ru";
    public static final String PASSWORD = "zUr0OxfI";
    public static final String GROUP = "v5-online-atol-ru_5179";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Request(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> uuidByExternalId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final AtomicInteger tokenCount = new AtomicInteger();

    /** Reports answer {@code wait} this many times before {@code done}. */
    public volatile int waitsBeforeDone = 1;
    /** The next this many calls answer 500. */
    public final AtomicInteger serverErrors = new AtomicInteger();
    /** Every answer waits this long (for timeouts). */
    public volatile long delayMillis;
    /** Reports answer {@code fail} with this error instead of {@code done}. */
    public volatile boolean failReports;

    public FakeAtol() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/possystem/v5/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String pathEnd) {
        return requests.stream().filter(r -> r.path().endsWith(pathEnd)).toList();
    }

    public int tokensIssued() {
        return tokenCount.get();
    }

    /** Every token issued so far has expired. */
    public void expireTokens() {
        tokens.replaceAll((t, state) -> "expired");
    }

    public AtolProperties settings() {
        return settings(baseUrl(), java.time.Duration.ofSeconds(5));
    }

    public static AtolProperties settings(String baseUrl, java.time.Duration timeout) {
        return new AtolProperties(
                true,
                baseUrl,
                LOGIN,
                PASSWORD,
                GROUP,
                "5544332219",
                "https://v4.online.atol.ru",
                "company@example.ru",
                "osn",
                "vat20",
                "Услуги связи",
                4,
                "full_payment",
                java.time.ZoneId.of("Europe/Moscow"),
                timeout,
                java.time.Duration.ofHours(23));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            String path = exchange.getRequestURI().getPath();
            requests.add(
                    new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), json));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(exchange, 500, "{\"error\":{\"code\":-1,\"text\":\"internal\",\"type\":\"system\"}}");
                return;
            }
            if (path.equals("/possystem/v5/getToken")) {
                token(exchange, json);
                return;
            }
            String token = exchange.getRequestHeaders().getFirst("Token");
            if (token == null || !"valid".equals(tokens.get(token))) {
                int code = token == null ? 11 : tokens.containsKey(token) ? 13 : 12;
                answer(
                        exchange,
                        401,
                        error(code, code == 13 ? "Срок действия токена истек" : "Передан некорректный токен"));
                return;
            }
            String prefix = "/possystem/v5/" + GROUP + "/";
            if (path.startsWith(prefix + "report/")) {
                report(exchange, path.substring((prefix + "report/").length()));
            } else if (path.equals(prefix + "sell") || path.equals(prefix + "sell_refund")) {
                register(exchange, json);
            } else {
                answer(exchange, 400, error(3, "Передан некорректный код группы или операция"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    private void token(HttpExchange exchange, JsonNode json) throws IOException {
        if (!LOGIN.equals(json.path("login").asString(""))
                || !PASSWORD.equals(json.path("pass").asString(""))) {
            answer(
                    exchange,
                    401,
                    "{\"error\":{\"error_id\":\"" + UUID.randomUUID()
                            + "\",\"code\":12,\"text\":\"Неверный логин или пароль\",\"type\":\"system\"},\"token\":\"\","
                            + "\"timestamp\":\"30.11.2017 15:44:31\"}");
            return;
        }
        String token = "token-" + tokenCount.incrementAndGet();
        tokens.put(token, "valid");
        answer(exchange, 200, "{\"error\":null,\"token\":\"" + token + "\",\"timestamp\":\"30.11.2017 15:44:31\"}");
    }

    private void register(HttpExchange exchange, JsonNode json) throws IOException {
        String externalId = json.path("external_id").asString("");
        JsonNode receipt = json.path("receipt");
        if (externalId.isBlank()
                || !json.path("timestamp").isString()
                || !receipt.path("items").isArray()
                || !receipt.path("total").isNumber()
                || receipt.path("company").path("inn").asString("").isBlank()) {
            answer(exchange, 400, error(32, "Ошибка валидации JSON: required fields missing"));
            return;
        }
        String existing = uuidByExternalId.get(externalId);
        if (existing != null) {
            answer(
                    exchange,
                    400,
                    "{\"uuid\":\"" + existing + "\",\"error\":{\"error_id\":\"" + UUID.randomUUID()
                            + "\",\"code\":33,\"text\":\"В системе существует чек с external_id : " + externalId
                            + "\",\"type\":\"system\"},\"status\":\"fail\",\"timestamp\":\"30.11.2017 15:44:31\"}");
            return;
        }
        String uuid = UUID.randomUUID().toString();
        uuidByExternalId.put(externalId, uuid);
        answer(
                exchange,
                200,
                "{\"uuid\":\"" + uuid + "\",\"status\":\"wait\",\"error\":null,"
                        + "\"timestamp\":\"30.11.2017 15:44:31\"}");
    }

    private void report(HttpExchange exchange, String uuid) throws IOException {
        if (!uuidByExternalId.containsValue(uuid)) {
            answer(exchange, 400, error(34, "Не найден документ с uuid " + uuid));
            return;
        }
        int n = polls.computeIfAbsent(uuid, u -> new AtomicInteger()).getAndIncrement();
        String head = "{\"uuid\":\"" + uuid + "\",\"timestamp\":\"04.11.2021 12:48:07\",\"group_code\":\"" + GROUP
                + "\",\"daemon_code\":\"prod-agent-1\",\"device_code\":\"KKT014034\",\"callback_url\":\"\",";
        if (n < waitsBeforeDone) {
            answer(exchange, 200, head + "\"error\":null,\"status\":\"wait\",\"payload\":null}");
        } else if (failReports) {
            answer(
                    exchange,
                    200,
                    head + "\"error\":{\"error_id\":\"" + UUID.randomUUID()
                            + "\",\"code\":20,\"text\":\"Ошибка ККТ: неверная сумма\",\"type\":\"driver\"},\"status\":\"fail\","
                            + "\"payload\":null}");
        } else {
            answer(
                    exchange,
                    200,
                    head + "\"error\":null,\"status\":\"done\",\"payload\":{\"total\":1598,"
                            + "\"fns_site\":\"www.nalog.gov.ru\",\"fn_number\":\"9999078902004339\",\"shift_number\":23,"
                            + "\"receipt_datetime\":\"04.11.2021 12:48:00\",\"fiscal_receipt_number\":6,"
                            + "\"fiscal_document_number\":133,\"ecr_registration_number\":\"0000000001002292\","
                            + "\"fiscal_document_attribute\":3449555941,\"ofd_inn\":\"7704358518\"}}");
        }
    }

    private static String error(int code, String text) {
        return "{\"error\":{\"error_id\":\"" + UUID.randomUUID() + "\",\"code\":" + code + ",\"text\":\"" + text
                + "\",\"type\":\"system\"},\"timestamp\":\"30.11.2017 15:44:31\"}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
