package io.lastmile.collector.traffic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * billing's side of the traffic contract, on a JDK HTTP server: the map with ETag and 304, and
 * batches booked once per batchId (duplicate with the same content, 409 with another, 400 for a
 * malformed one, unknown accounts listed and not booked).
 */
final class FakeBilling implements AutoCloseable {

    enum Mode {
        UP,
        /** 503 to everything. */
        DOWN,
        /** books the batch, then answers 503, as if the answer were lost on the way. */
        ANSWER_LOST
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private volatile Mode mode = Mode.UP;
    private volatile byte[] map;
    private volatile long version;
    private volatile Set<Long> accounts = Set.of();
    private final Map<String, String> booked = new LinkedHashMap<>();
    /** "account minute direction class" -> {bytes, packets} */
    private final Map<String, long[]> usage = new TreeMap<>();

    final List<String> received = new CopyOnWriteArrayList<>();
    final List<Integer> mapAnswers = new CopyOnWriteArrayList<>();
    /** Every POST of a batch, answered or not. */
    final AtomicInteger attempts = new AtomicInteger();

    FakeBilling() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(BillingTraffic.MAP, this::map);
        server.createContext(BillingTraffic.BATCHES, this::batch);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    void serveMap(io.lastmile.collector.traffic.map.MapDocument doc) {
        map = json.writeValueAsBytes(doc);
        version = doc.version();
        Set<Long> ids = new java.util.HashSet<>();
        doc.subscribers().forEach(s -> ids.add(s.accountId()));
        accounts = ids;
    }

    /** The batch ids booked, in booking order. */
    synchronized List<String> booked() {
        return new ArrayList<>(booked.keySet());
    }

    synchronized Map<String, String> usage() {
        Map<String, String> out = new TreeMap<>();
        usage.forEach((k, v) -> out.put(k, v[0] + " " + v[1]));
        return out;
    }

    private void map(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        if (mode == Mode.DOWN || map == null) {
            // recorded before answering: the client may look at the list as soon as it has the answer
            mapAnswers.add(503);
            answer(ex, 503, "{}");
            return;
        }
        String etag = "\"" + version + "\"";
        ex.getResponseHeaders().set("ETag", etag);
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            mapAnswers.add(304);
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
        }
        mapAnswers.add(200);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, map.length);
        ex.getResponseBody().write(map);
        ex.close();
    }

    private void batch(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        attempts.incrementAndGet();
        if (mode == Mode.DOWN) {
            answer(ex, 503, "{}");
            return;
        }
        JsonNode doc = json.readTree(body);
        String id = doc.path("batchId").asString("");
        received.add(id);
        String problem = malformed(doc);
        if (problem != null) {
            ex.getResponseHeaders().set("Content-Type", "application/problem+json");
            answer(
                    ex,
                    400,
                    "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"" + problem
                            + "\"}");
            return;
        }
        String content = json.writeValueAsString(doc.path("rows")) + doc.path("source");
        String answer;
        synchronized (this) {
            String before = booked.get(id);
            if (before != null && !before.equals(content)) {
                answer(ex, 409, "{\"detail\":\"batch " + id + " was booked with other content\"}");
                return;
            }
            List<Long> unknown = new ArrayList<>();
            if (before == null) {
                booked.put(id, content);
                book(doc, unknown);
            }
            answer = "{\"batchId\":\"" + id + "\",\"rows\":" + doc.path("rows").size() + ",\"duplicate\":"
                    + (before != null) + ",\"unknownAccounts\":" + unknown + "}";
        }
        answer(ex, mode == Mode.ANSWER_LOST ? 503 : 200, mode == Mode.ANSWER_LOST ? "{}" : answer);
    }

    private void book(JsonNode doc, List<Long> unknown) {
        Map<String, long[]> sums = new HashMap<>();
        for (JsonNode row : doc.path("rows")) {
            long account = row.path("accountId").asLong();
            if (!accounts.contains(account)) {
                unknown.add(account);
                continue;
            }
            String key = account + " " + row.path("minute").asString().substring(11, 16) + " "
                    + row.path("direction").asString() + " "
                    + row.path("trafficClass").asString();
            long[] s = sums.computeIfAbsent(key, k -> new long[2]);
            s[0] += row.path("bytes").asLong();
            s[1] += row.path("packets").asLong();
        }
        sums.forEach((k, v) -> {
            long[] total = usage.computeIfAbsent(k, x -> new long[2]);
            total[0] += v[0];
            total[1] += v[1];
        });
    }

    private static String malformed(JsonNode doc) {
        if (doc.path("batchId").asString("").length() != 36
                || doc.path("source").asString("").isBlank()) {
            return "batchId (a UUID) and source are required";
        }
        if (doc.path("rows").size() > 50_000) {
            return "more than 50000 rows";
        }
        for (JsonNode row : doc.path("rows")) {
            Instant minute = Instant.parse(row.path("minute").asString());
            if (minute.getEpochSecond() % 60 != 0 || minute.getNano() != 0) {
                return "minute " + minute + " is not truncated to the minute";
            }
            if (row.path("bytes").asLong(-1) < 0 || row.path("packets").asLong(-1) < 0) {
                return "bytes and packets must be >= 0";
            }
            String d = row.path("direction").asString("");
            if (!d.equals("IN") && !d.equals("OUT")) {
                return "direction is IN or OUT";
            }
        }
        return null;
    }

    private static boolean authorized(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            answer(ex, 401, "{}");
            return false;
        }
        return true;
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
