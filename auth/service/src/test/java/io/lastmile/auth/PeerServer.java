package io.lastmile.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny local HTTP server standing in for auth's peers: billing's account events API (answers
 * {@link #eventStatus}) and a UI's redirect URI ({@code /callback}, answers a page naming the
 * query). Records every request.
 */
final class PeerServer implements AutoCloseable {

    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int eventStatus = 201;
    private final HttpServer server;

    PeerServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            byte[] answer;
            int status;
            if (path.startsWith("/api/v1/accounts/")) {
                status = eventStatus;
                answer = "{\"id\":1,\"event\":\"PASSWORD_RESET\",\"dispatched\":0}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            } else {
                status = 200;
                answer = ("<html><body><p id=\"callback\">"
                                + exchange.getRequestURI().getRawQuery() + "</p></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    List<Received> to(String pathPrefix) {
        return received.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record Received(String method, String path, String query, String authorization, String body) {}
}
