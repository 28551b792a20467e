package io.lastmile.billing.provisioning.spool;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An operator's HTTP endpoint on 127.0.0.1 whose first request never gets an answer (until
 * {@link #close}): a test learns that a command is mid-attempt and can kill its worker then.
 * Every later request is answered 204.
 */
final class HangingEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch firstArrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> requests = new ArrayList<>();

    HangingEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean first;
            synchronized (requests) {
                requests.add(exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath());
                first = requests.size() == 1;
            }
            if (first) {
                firstArrived.countDown();
                awaitQuietly(release);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Waits at most {@code max} for the first request; true once it is here (and hanging). */
    boolean awaitFirst(Duration max) throws InterruptedException {
        return firstArrived.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** "METHOD path" of every request so far, in order of arrival. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
