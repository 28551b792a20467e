package io.lastmile.collector.ingest;

import io.lastmile.collector.exporter.ExporterRegistry;
import io.lastmile.collector.exporter.InterfaceCountersStore;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowSink;
import io.lastmile.collector.flow.PacketDecoder;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder workers. The receiving thread {@link #submit}s each datagram to the worker chosen by
 * its sender's address. When that worker's queue is full the receiving thread waits for room (up to
 * the queue wait), so a burst backs up into the socket's receive buffer, where the kernel holds it
 * and counts what overflows; only a worker that makes no room in that time has its datagrams
 * dropped (released here) and counted as QUEUE_FULL for their exporter.
 */
final class WorkerPool {

    private final DecodeWorker[] workers;
    private final List<Thread> threads = new ArrayList<>();
    private final ExporterRegistry registry;
    private final IngestCounters totals;
    private final Clock clock;
    private final long queueWaitNanos;

    WorkerPool(
            int count,
            int queueCapacity,
            Duration queueWait,
            Map<FlowProtocol, PacketDecoder> decoders,
            List<FlowSink> sinks,
            ExporterRegistry registry,
            InterfaceCountersStore interfaces,
            IngestCounters totals,
            Clock clock) {
        this.registry = registry;
        this.totals = totals;
        this.clock = clock;
        this.queueWaitNanos = queueWait.toNanos();
        EnumMap<FlowProtocol, PacketDecoder> byProtocol = new EnumMap<>(FlowProtocol.class);
        byProtocol.putAll(decoders);
        FlowSink[] sinkArray = sinks.toArray(FlowSink[]::new);
        workers = new DecodeWorker[count];
        for (int i = 0; i < count; i++) {
            WorkerListener listener = new WorkerListener(sinkArray, registry, interfaces, totals);
            workers[i] = new DecodeWorker(queueCapacity, byProtocol, registry, totals, listener, clock, i == 0);
        }
    }

    synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(workers[i], "flow-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** On the receiving thread; takes ownership of {@code content}. */
    void submit(InetAddress sender, ByteBuf content) {
        long now = clock.millis();
        if (!workerFor(sender).offer(new Datagram(sender, content, now), queueWaitNanos)) {
            content.release();
            registry.stats(sender, now).dropped(DropReason.QUEUE_FULL);
            totals.dropped(DropReason.QUEUE_FULL);
        }
    }

    DecodeWorker workerFor(InetAddress sender) {
        int h = sender.hashCode();
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return workers[Math.floorMod(h, workers.length)];
    }

    int workers() {
        return workers.length;
    }

    int queued(int worker) {
        return workers[worker].queued();
    }

    /** Stops the workers once what is queued is decoded; call after the listeners are closed. */
    synchronized void stop() throws InterruptedException {
        for (DecodeWorker w : workers) {
            w.stop();
        }
        for (Thread t : threads) {
            t.join(10_000);
            if (t.isAlive()) {
                t.interrupt();
                t.join(1_000);
            }
        }
        threads.clear();
    }
}
