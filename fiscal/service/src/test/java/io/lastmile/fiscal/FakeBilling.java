package io.lastmile.fiscal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local billing answering its accounts API as billing does ({@code GET /api/v1/accounts?contract=}
 * gives a page, {@code GET /api/v1/accounts/{id}} an account or 404); {@link #down} makes it answer
 * 503 as a billing that is restarting.
 */
public final class FakeBilling implements AutoCloseable {

    public record Account(long id, String contract, String currency, String status) {}

    private final HttpServer server;
    private final Map<String, Account> byContract = new ConcurrentHashMap<>();
    public final AtomicBoolean down = new AtomicBoolean();
    /** Ledger entries booked, by idempotency key, as billing keeps one entry per key. */
    public final Map<String, Long> entries = new ConcurrentHashMap<>();
    /** Payment posts received, replays included. */
    public final java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();
    /** Accounts whose payments billing refuses (422, as for a closed account). */
    public final java.util.Set<Long> refusing = ConcurrentHashMap.newKeySet();

    /** What billing's forecast says each account must pay ({@code toPay}); 0 when not set. */
    public final Map<Long, java.math.BigDecimal> toPay = new ConcurrentHashMap<>();
    /** The query of the last forecast asked for. */
    public volatile String lastForecastQuery;

    private final java.util.concurrent.atomic.AtomicLong nextEntry = new java.util.concurrent.atomic.AtomicLong(1000);

    public FakeBilling() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/accounts", this::accounts);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeBilling add(long id, String contract, String currency) {
        byContract.put(contract, new Account(id, contract, currency, "ACTIVE"));
        return this;
    }

    private void accounts(HttpExchange exchange) throws IOException {
        if (down.get()) {
            answer(exchange, 503, "{\"title\":\"unavailable\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.endsWith("/payments")) {
            payment(exchange, Long.parseLong(path.split("/")[4]));
            return;
        }
        if (exchange.getRequestMethod().equals("GET") && path.endsWith("/forecast")) {
            forecast(exchange, Long.parseLong(path.split("/")[4]));
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        if (path.equals("/api/v1/accounts") && query != null && query.startsWith("contract=")) {
            String contract = java.net.URLDecoder.decode(query.substring(9), StandardCharsets.UTF_8);
            Account a = byContract.get(contract);
            String items = a == null ? "" : json(a);
            answer(
                    exchange,
                    200,
                    "{\"items\":[" + items + "],\"total\":" + (a == null ? 0 : 1) + ",\"page\":0,\"size\":20}");
            return;
        }
        String id = path.substring("/api/v1/accounts/".length());
        Account a = byContract.values().stream()
                .filter(x -> String.valueOf(x.id()).equals(id))
                .findFirst()
                .orElse(null);
        if (a == null) {
            answer(exchange, 404, "{\"title\":\"no account\"}");
        } else {
            answer(exchange, 200, json(a));
        }
    }

    private void payment(HttpExchange exchange, long accountId) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        exchange.getRequestBody().readAllBytes();
        posts.incrementAndGet();
        if (key == null) {
            answer(exchange, 400, "{\"title\":\"Idempotency-Key is required\"}");
            return;
        }
        if (refusing.contains(accountId)) {
            answer(exchange, 422, "{\"title\":\"account " + accountId + " is closed\"}");
            return;
        }
        boolean[] replayed = {true};
        long id = entries.computeIfAbsent(key, k -> {
            replayed[0] = false;
            return nextEntry.incrementAndGet();
        });
        answer(
                exchange,
                replayed[0] ? 200 : 201,
                "{\"entry\":{\"id\":" + id + ",\"accountId\":" + accountId + ",\"kind\":\"PAYMENT\"},\"replayed\":"
                        + replayed[0] + ",\"dryRun\":false}");
    }

    private void forecast(HttpExchange exchange, long accountId) throws IOException {
        lastForecastQuery = exchange.getRequestURI().getQuery();
        Account a = byContract.values().stream()
                .filter(x -> x.id() == accountId)
                .findFirst()
                .orElse(null);
        if (a == null) {
            answer(exchange, 404, "{\"title\":\"no account\"}");
            return;
        }
        String due = toPay.getOrDefault(accountId, java.math.BigDecimal.ZERO).toPlainString();
        answer(
                exchange,
                200,
                "{\"accountId\":" + accountId + ",\"currency\":\"" + a.currency()
                        + "\",\"from\":\"2026-12-07T00:00:00Z\",\"until\":\"2027-01-06T00:00:00Z\",\"items\":[],"
                        + "\"total\":" + due + ",\"toPay\":" + due + "}");
    }

    private static String json(Account a) {
        return "{\"id\":" + a.id() + ",\"contract\":\"" + a.contract() + "\",\"currency\":\"" + a.currency()
                + "\",\"status\":\"" + a.status() + "\",\"email\":\"a" + a.id() + "@example.org\"}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
