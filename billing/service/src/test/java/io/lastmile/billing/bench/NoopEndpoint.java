package io.lastmile.billing.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The HTTP endpoint the benchmark's commands call: it answers 204 to anything and counts requests. */
interface NoopEndpoint extends AutoCloseable {

    int port();

    /** Requests answered so far. */
    long requests() throws Exception;

    /** CPU seconds the endpoint has used so far. */
    double cpuSeconds();

    /** Whether its CPU is part of this JVM's (so not billing's). */
    boolean inThisJvm();

    String describe();

    @Override
    void close();

    /**
     * nginx when it is installed: the cheapest no-op endpoint there is, in its own process, as the
     * operator's servers are; else the JDK's HTTP server in this JVM (its threads' CPU kept apart).
     */
    static NoopEndpoint start(String kind, Path work) throws Exception {
        boolean nginx =
                switch (kind) {
                    case "nginx" -> true;
                    case "jdk" -> false;
                    case "auto" -> Files.isExecutable(NginxEndpoint.BINARY);
                    default -> throw new IllegalArgumentException("--endpoint is nginx, jdk or auto, not " + kind);
                };
        return nginx ? NginxEndpoint.start(work.resolve("nginx")) : JdkEndpoint.start();
    }
}
