package io.lastmile.billing.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/** The JDK's HTTP server in the benchmark's JVM; its threads are counted to take their CPU apart. */
final class JdkEndpoint implements NoopEndpoint, ThreadFactory {

    private final AtomicLong requests = new AtomicLong();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory delegate = Executors.defaultThreadFactory();
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, this);
    private final HttpServer server;

    private JdkEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(handlers);
    }

    static JdkEndpoint start() throws IOException {
        JdkEndpoint endpoint = new JdkEndpoint();
        endpoint.server.start();
        return endpoint;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = delegate.newThread(task);
        threads.add(thread);
        return thread;
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public double cpuSeconds() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (threads.contains(t) || t.getName().equals("HTTP-Dispatcher")) {
                nanos += Math.max(0, mx.getThreadCpuTime(t.threadId()));
            }
        }
        return nanos / 1e9;
    }

    @Override
    public boolean inThisJvm() {
        return true;
    }

    @Override
    public String describe() {
        return "the JDK's HTTP server, in this JVM";
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
