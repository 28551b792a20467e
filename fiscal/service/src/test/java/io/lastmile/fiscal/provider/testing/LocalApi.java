package io.lastmile.fiscal.provider.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider's API on a loopback port: canned answers by path, every request recorded. */
public final class LocalApi implements AutoCloseable {

    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private record Canned(int status, String body) {}

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    private final Map<String, Canned> byQuery = new ConcurrentHashMap<>();
    private final HttpServer server;

    public LocalApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public String baseUrl(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    /** Answers requests to this path (without the query) with the status and JSON body. */
    public void answer(String path, int status, String body) {
        answers.put(path, new Canned(status, body));
    }

    /** Answers requests to this path whose query contains the text (before {@link #answer}'s). */
    public void answerQuery(String path, String queryContains, int status, String body) {
        byQuery.put(path + "?" + queryContains, new Canned(status, body));
    }

    private Canned canned(String path, String query) {
        return byQuery.entrySet().stream()
                .filter(e -> e.getKey().startsWith(path + "?")
                        && query != null
                        && query.contains(e.getKey().substring(path.length() + 1)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseGet(() -> answers.getOrDefault(path, new Canned(404, "{}")));
    }

    private void serve(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        Canned canned = canned(
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery());
        byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(canned.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
