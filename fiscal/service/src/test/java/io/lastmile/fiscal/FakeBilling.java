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
 * 503 as a billing that is restarting. Payment batches ({@code POST /api/v1/payments/batch}) and
 * payment refunds ({@code POST .../payments/{entryId}/refunds}) are booked once per idempotency key
 * with billing's answers: 201 booked, 200 replayed, 409 the key with another request, 404 no such
 * payment entry on the account, 422 more than is left to refund of the payment (or a closed account).
 */
public final class FakeBilling implements AutoCloseable {

    public record Account(long id, String contract, String currency, String status) {}

    private final HttpServer server;
    private final Map<String, Account> byContract = new ConcurrentHashMap<>();
    public final AtomicBoolean down = new AtomicBoolean();
    /** Ledger entries booked, by idempotency key, as billing keeps one entry per key. */
    public final Map<String, Long> entries = new ConcurrentHashMap<>();

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** Batch requests received. */
    public final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
    /** Payments received, one per single post or batch item, replays included. */
    public final java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();
    /** Accounts whose payments billing refuses (422, as for a closed account). */
    public final java.util.Set<Long> refusing = ConcurrentHashMap.newKeySet();

    /** What billing's forecast says each account must pay ({@code toPay}); 0 when not set. */
    public final Map<Long, java.math.BigDecimal> toPay = new ConcurrentHashMap<>();
    /** The query of the last forecast asked for. */
    public volatile String lastForecastQuery;
    /** A PAYMENT entry booked, to refund against. */
    public record PaymentEntry(long id, long accountId, java.math.BigDecimal amount, String currency) {}

    /** A PAYMENT_REFUND entry booked; {@code request} is what was asked, to tell a replay from a conflict. */
    public record RefundEntry(long id, long paymentEntryId, java.math.BigDecimal amount, String request) {}

    /** PAYMENT entries by entry id. */
    public final Map<Long, PaymentEntry> payments = new ConcurrentHashMap<>();
    /** PAYMENT_REFUND entries by idempotency key. */
    public final Map<String, RefundEntry> refunds = new ConcurrentHashMap<>();
    /** Refund posts received, replays included. */
    public final java.util.concurrent.atomic.AtomicInteger refundPosts =
            new java.util.concurrent.atomic.AtomicInteger();

    private final java.util.concurrent.atomic.AtomicLong nextEntry = new java.util.concurrent.atomic.AtomicLong(1000);

    public FakeBilling() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/accounts", this::accounts);
        server.createContext("/api/v1/payments/batch", this::batch);
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
        if (exchange.getRequestMethod().equals("POST") && path.endsWith("/refunds")) {
            String[] parts = path.split("/");
            refund(exchange, Long.parseLong(parts[4]), Long.parseLong(parts[6]));
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

    /** billing's {@code POST /api/v1/payments/batch}: each item as a single payment, answered in order. */
    private void batch(HttpExchange exchange) throws IOException {
        if (down.get()) {
            answer(exchange, 503, "{\"title\":\"unavailable\"}");
            return;
        }
        batches.incrementAndGet();
        var tree = JSON.readTree(exchange.getRequestBody());
        StringBuilder results = new StringBuilder();
        for (var item : tree.get("payments")) {
            var payment = item.get("payment");
            String key = item.get("idempotencyKey").asString();
            Booked b = book(
                    item.get("accountId").asLong(),
                    key,
                    payment.get("amount").decimalValue(),
                    payment.get("currency").asString());
            results.append(results.isEmpty() ? "" : ",")
                    .append("{\"idempotencyKey\":\"")
                    .append(key)
                    .append("\",\"status\":")
                    .append(b.status())
                    .append(b.status() < 300 ? ",\"posting\":" + b.json() : ",\"detail\":" + b.json())
                    .append('}');
        }
        answer(exchange, 200, "{\"results\":[" + results + "]}");
    }

    private record Booked(int status, String json) {}

    private Booked book(long accountId, String key, java.math.BigDecimal amount, String currency) {
        posts.incrementAndGet();
        if (refusing.contains(accountId)) {
            return new Booked(422, "\"account " + accountId + " is closed\"");
        }
        boolean[] replayed = {true};
        long id = entries.computeIfAbsent(key, k -> {
            replayed[0] = false;
            long entry = nextEntry.incrementAndGet();
            payments.put(entry, new PaymentEntry(entry, accountId, amount, currency));
            return entry;
        });
        return new Booked(
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

    /** As billing's ledger: under one lock (billing holds the account's), once per key, within the payment. */
    private synchronized void refund(HttpExchange exchange, long accountId, long paymentEntryId) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        refundPosts.incrementAndGet();
        if (key == null) {
            answer(exchange, 400, "{\"title\":\"Idempotency-Key is required\"}");
            return;
        }
        java.math.BigDecimal amount = new java.math.BigDecimal(field(body, "amount"));
        String request = accountId + "|" + paymentEntryId + "|"
                + amount.stripTrailingZeros().toPlainString() + "|" + field(body, "currency") + "|"
                + field(body, "externalId") + "|" + field(body, "reason");
        RefundEntry before = refunds.get(key);
        if (before != null) {
            if (before.request().equals(request)) {
                answer(exchange, 200, refundJson(before, accountId, true));
            } else {
                answer(
                        exchange,
                        409,
                        "{\"title\":\"Conflict\",\"detail\":\"idempotency key '" + key
                                + "' was already used for a different request\"}");
            }
            return;
        }
        PaymentEntry payment = payments.get(paymentEntryId);
        if (payment == null || payment.accountId() != accountId) {
            answer(exchange, 404, "{\"title\":\"Not found\"}");
            return;
        }
        if (!payment.currency().equals(field(body, "currency"))) {
            answer(exchange, 400, "{\"title\":\"Invalid request\"}");
            return;
        }
        java.math.BigDecimal refunded = refunds.values().stream()
                .filter(r -> r.paymentEntryId() == paymentEntryId)
                .map(RefundEntry::amount)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        java.math.BigDecimal left = payment.amount().subtract(refunded);
        if (amount.compareTo(left) > 0) {
            answer(
                    exchange,
                    422,
                    "{\"title\":\"Refund exceeds the payment\",\"leftToRefund\":\"" + left.toPlainString() + "\"}");
            return;
        }
        RefundEntry entry = new RefundEntry(nextEntry.incrementAndGet(), paymentEntryId, amount, request);
        refunds.put(key, entry);
        answer(exchange, 201, refundJson(entry, accountId, false));
    }

    private static String refundJson(RefundEntry r, long accountId, boolean replayed) {
        return "{\"entry\":{\"id\":" + r.id() + ",\"accountId\":" + accountId
                + ",\"kind\":\"PAYMENT_REFUND\",\"amount\":-" + r.amount().toPlainString() + ",\"correctsEntryId\":"
                + r.paymentEntryId() + "},\"replayed\":" + replayed + ",\"dryRun\":false}";
    }

    /** A scalar field of the flat JSON body the typed client sends; null when absent or null. */
    private static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.eE+]+)")
                .matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
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
