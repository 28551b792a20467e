package io.lastmile.billing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local server that answers as auth does where billing calls it: the token endpoint (client
 * credentials, OAuth 2.0 section 4.4) and one API path whose answer a test decides per body.
 * Requests it took are kept as "Authorization-header body".
 */
public final class FakeAuth implements AutoCloseable {

    /** What the API answers: a status and a JSON body. */
    public record Answer(int status, String body) {}

    /** A call to the API: method, path and body. */
    public record Request(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path + (body.isEmpty() ? "" : " " + body);
        }
    }

    public static final String TOKEN = "billing-token";

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Request> calls = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    /** The API answers by the request's body alone. */
    public FakeAuth(String apiPath, Function<String, Answer> api) {
        this(apiPath, api, true);
    }

    /** The API answers by the request's method, path and body. */
    public static FakeAuth answering(String apiPath, Function<Request, Answer> api) {
        return new FakeAuth(apiPath, api, false);
    }

    @SuppressWarnings("unchecked")
    private FakeAuth(String apiPath, Function<?, Answer> api, boolean byBody) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/oauth2/token", ex -> {
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (form.contains("grant_type=client_credentials")) {
                answer(ex, 200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
            } else {
                answer(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
            }
        });
        server.createContext(apiPath, ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (down) {
                answer(ex, 503, "");
                return;
            }
            requests.add(ex.getRequestHeaders().getFirst("Authorization") + " " + body);
            Request request =
                    new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), body);
            calls.add(request);
            Answer a = byBody
                    ? ((Function<String, Answer>) api).apply(body)
                    : ((Function<Request, Answer>) api).apply(request);
            answer(ex, a.status(), a.body());
        });
        server.start();
    }

    /** billing's properties for calling this server as auth, with its own client. */
    public void register(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        registry.add("lastmile.platform.auth.issuer", () -> url);
        registry.add("lastmile.platform.auth.token-uri", () -> url + "/oauth2/token");
        registry.add("lastmile.platform.client.id", () -> "billing");
        registry.add("lastmile.platform.client.secret", () -> "billing-secret");
    }

    /** Each call's Authorization header and body. */
    public List<String> requests() {
        return requests;
    }

    /** Each call's method, path and body. */
    public List<Request> calls() {
        return calls;
    }

    /** While down, the API answers 503 and keeps nothing. */
    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
