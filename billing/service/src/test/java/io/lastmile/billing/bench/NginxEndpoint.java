package io.lastmile.billing.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** nginx in its own process, answering 204 to everything; requests counted from its access log. */
final class NginxEndpoint implements NoopEndpoint {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Path dir;
    private final int port;
    private final Process process;

    private NginxEndpoint(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static NginxEndpoint start(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("body"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log %1$s/access.log combined buffer=64k flush=200ms;
                  client_body_temp_path %1$s/body;
                  keepalive_requests 1000000;
                  keepalive_timeout 120s;
                  server { listen 127.0.0.1:%2$d; location / { return 204; } }
                }
                """.formatted(dir, port));
        Process process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString(), "-p", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                .start();
        NginxEndpoint endpoint = new NginxEndpoint(dir, port, process);
        endpoint.awaitListening();
        return endpoint;
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx stopped: " + Files.readString(dir.resolve("stdout.log")));
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nginx did not listen on port " + port + " within 10 s");
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long requests() throws Exception {
        Thread.sleep(500); // the log is written at most 200 ms after the last request
        Path log = dir.resolve("access.log");
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.count();
        }
    }

    @Override
    public double cpuSeconds() {
        return ProcessCpu.seconds(process.pid());
    }

    @Override
    public boolean inThisJvm() {
        return false;
    }

    @Override
    public String describe() {
        return "nginx, one worker, in its own process";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
