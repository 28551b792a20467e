package io.lastmile.billing.provisioning;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An operator's HTTP endpoint in a test, on a loopback address: it answers every request with the
 * status it is set to, and appends "name METHOD path" to a log that several targets may share,
 * so that a test sees the order in which commands reached them.
 */
public final class HttpTarget implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);

    public HttpTarget(String name, String address, List<String> log) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            synchronized (log) {
                log.add(name + " " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath());
            }
            byte[] body = ("answer " + status.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** What every following request gets. */
    public HttpTarget answer(int httpStatus) {
        status.set(httpStatus);
        return this;
    }

    public String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
