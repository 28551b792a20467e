package io.lastmile.collector.ingest;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The UDP listeners and the decoder workers behind them.
 *
 * @param enabled false starts no listener (the API still answers)
 * @param address the address every listener binds unless its own says otherwise; the module's
 *     address ({@code server.address}) by default
 * @param netflow NetFlow v5 and v9 (default port 2055)
 * @param ipfix IPFIX (default port 4739)
 * @param sflow sFlow v5 (default port 6343)
 * @param receiveBuffer SO_RCVBUF asked of the kernel for each socket (64 MiB by default; the kernel
 *     grants at most {@code net.core.rmem_max})
 * @param workers decoder threads (default: the number of cores)
 * @param queueCapacity datagrams each worker's queue holds
 * @param queueWait how long the receiving thread waits for room in a full queue (1 s by default);
 *     meanwhile datagrams wait in the socket's receive buffer. A worker that makes no room in that
 *     time is taken as stuck: its datagrams are dropped and counted as QUEUE_FULL until it does
 * @param ioThreads receiving threads; with native epoll and more than one, each listener binds one
 *     socket per thread with SO_REUSEPORT
 * @param maxDatagram the largest datagram read whole, in bytes (a longer one is cut to this)
 */
@ConfigurationProperties("lastmile.collector.listeners")
public record IngestProperties(
        Boolean enabled,
        String address,
        Endpoint netflow,
        Endpoint ipfix,
        Endpoint sflow,
        DataSize receiveBuffer,
        Integer workers,
        Integer queueCapacity,
        Duration queueWait,
        Integer ioThreads,
        Integer maxDatagram) {

    public IngestProperties {
        enabled = enabled == null || enabled;
        address = address == null || address.isBlank() ? "0.0.0.0" : address;
        netflow = Endpoint.orDefault(netflow, 2055);
        ipfix = Endpoint.orDefault(ipfix, 4739);
        sflow = Endpoint.orDefault(sflow, 6343);
        receiveBuffer = receiveBuffer == null ? DataSize.ofMegabytes(64) : receiveBuffer;
        workers = workers == null || workers < 1 ? Runtime.getRuntime().availableProcessors() : workers;
        queueCapacity = queueCapacity == null || queueCapacity < 1 ? 2048 : queueCapacity;
        queueWait = queueWait == null || queueWait.isNegative() ? Duration.ofSeconds(1) : queueWait;
        ioThreads = ioThreads == null || ioThreads < 1 ? 1 : ioThreads;
        maxDatagram = maxDatagram == null ? 9216 : Math.max(1500, Math.min(maxDatagram, 65535));
    }

    /** The listeners to bind, by name. */
    List<Listen> listens() {
        return List.of(
                new Listen("netflow", netflow.address(address), netflow.port(), netflow.enabled()),
                new Listen("ipfix", ipfix.address(address), ipfix.port(), ipfix.enabled()),
                new Listen("sflow", sflow.address(address), sflow.port(), sflow.enabled()));
    }

    /**
     * One listener.
     *
     * @param enabled false binds nothing for it
     * @param address its own bind address (the listeners' address when empty)
     * @param port its UDP port; 0 lets the kernel pick a free one (tests)
     */
    public record Endpoint(Boolean enabled, String address, Integer port) {

        static Endpoint orDefault(Endpoint e, int port) {
            if (e == null) {
                return new Endpoint(true, null, port);
            }
            return new Endpoint(e.enabled == null || e.enabled, e.address, e.port == null ? port : e.port);
        }

        String address(String fallback) {
            return address == null || address.isBlank() ? fallback : address;
        }
    }

    record Listen(String name, String address, int port, boolean enabled) {}
}
