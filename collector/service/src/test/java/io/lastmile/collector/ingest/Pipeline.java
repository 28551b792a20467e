package io.lastmile.collector.ingest;

import io.lastmile.collector.exporter.ExporterRegistry;
import io.lastmile.collector.exporter.ExporterStats;
import io.lastmile.collector.exporter.InterfaceCountersStore;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowSink;
import io.lastmile.collector.flow.PacketDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.util.unit.DataSize;

/** The real listeners and workers on loopback ports the kernel picks, without Spring. */
final class Pipeline implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final ExporterRegistry registry;
    final InterfaceCountersStore interfaces = new InterfaceCountersStore(1000);
    final IngestCounters totals = new IngestCounters();
    final List<InetAddress> newcomers = new CopyOnWriteArrayList<>();
    final UdpListeners listeners;
    private final DatagramSocket sender;

    Pipeline(Map<FlowProtocol, PacketDecoder> decoders, FlowSink sink, int workers, int queue, DataSize rcvbuf) {
        this(decoders, sink, workers, queue, rcvbuf, 1);
    }

    Pipeline(
            Map<FlowProtocol, PacketDecoder> decoders,
            FlowSink sink,
            int workers,
            int queue,
            DataSize rcvbuf,
            int ioThreads) {
        this(decoders, sink, workers, queue, Duration.ofMillis(100), rcvbuf, ioThreads);
    }

    Pipeline(
            Map<FlowProtocol, PacketDecoder> decoders,
            FlowSink sink,
            int workers,
            int queue,
            Duration queueWait,
            DataSize rcvbuf,
            int ioThreads) {
        registry = new ExporterRegistry(100, newcomers::add);
        IngestProperties properties = new IngestProperties(
                true,
                LOOPBACK.getHostAddress(),
                new IngestProperties.Endpoint(true, null, 0),
                new IngestProperties.Endpoint(true, null, 0),
                new IngestProperties.Endpoint(true, null, 0),
                rcvbuf,
                workers,
                queue,
                queueWait,
                ioThreads,
                null);
        WorkerPool pool = new WorkerPool(
                workers, queue, queueWait, decoders, List.of(sink), registry, interfaces, totals, Clock.systemUTC());
        listeners = new UdpListeners(properties, pool, new KernelDrops());
        listeners.start();
        try {
            sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String listener, byte[] payload) {
        try {
            sender.send(new DatagramPacket(payload, payload.length, LOOPBACK, listeners.port(listener)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExporterStats.Snapshot exporter() {
        return registry.find(LOOPBACK)
                .orElseThrow(() -> new AssertionError("loopback not heard"))
                .snapshot();
    }

    /** Datagrams from loopback taken for decoding, 0 before the first. */
    long packets() {
        return registry.find(LOOPBACK).map(s -> s.snapshot().packets()).orElse(0L);
    }

    long drops(io.lastmile.collector.flow.DropReason reason) {
        return registry.find(LOOPBACK).map(s -> s.drops(reason)).orElse(0L);
    }

    @Override
    public void close() {
        sender.close();
        listeners.stop();
    }
}
