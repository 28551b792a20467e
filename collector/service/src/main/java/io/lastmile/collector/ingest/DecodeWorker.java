package io.lastmile.collector.ingest;

import io.lastmile.collector.exporter.ExporterRegistry;
import io.lastmile.collector.exporter.ExporterStats;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.flow.ProtocolSniffer;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.EnumMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decoder thread and its bounded queue. Every datagram of an exporter comes to the same worker,
 * so its packets are decoded in order and the decoders' per-exporter state has one writer. The
 * worker that {@code ticks} calls every decoder's {@link PacketDecoder#tick} about once a second.
 */
final class DecodeWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DecodeWorker.class);
    private static final AtomicLong FAILURES = new AtomicLong();
    private static final long TICK_MILLIS = 1000;

    private final BlockingQueue<Datagram> queue;
    private final EnumMap<FlowProtocol, PacketDecoder> decoders;
    private final ExporterRegistry registry;
    private final IngestCounters totals;
    private final WorkerListener listener;
    private final Clock clock;
    private final boolean ticks;
    private volatile boolean running = true;
    /** Written by the receiving threads only. */
    private volatile boolean stalled;

    private long lastTick;
    private byte[] scratch = new byte[9216];

    DecodeWorker(
            int capacity,
            EnumMap<FlowProtocol, PacketDecoder> decoders,
            ExporterRegistry registry,
            IngestCounters totals,
            WorkerListener listener,
            Clock clock,
            boolean ticks) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.decoders = decoders;
        this.registry = registry;
        this.totals = totals;
        this.listener = listener;
        this.clock = clock;
        this.ticks = ticks;
    }

    /**
     * On the receiving thread: queues {@code d}, waiting up to {@code waitNanos} for room, so that a
     * burst the worker has not caught up with waits in the socket's receive buffer instead of being
     * dropped. A worker that made no room within the wait is stalled (a decoder stuck on a bug):
     * until it takes a datagram again nothing waits for it, so the other workers' exporters are not
     * held up. False when {@code d} was not queued (the caller still owns the buffer).
     */
    boolean offer(Datagram d, long waitNanos) {
        if (queue.offer(d)) {
            stalled = false;
            return true;
        }
        if (stalled || waitNanos <= 0) {
            return false;
        }
        try {
            if (queue.offer(d, waitNanos, TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        stalled = true;
        log.warn(
                "a decoder worker made no room in its queue for {} ms: dropping what it is sent until it does",
                TimeUnit.NANOSECONDS.toMillis(waitNanos));
        return false;
    }

    int queued() {
        return queue.size();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        lastTick = clock.millis();
        try {
            while (running) {
                Datagram d = queue.poll(200, TimeUnit.MILLISECONDS);
                if (d != null) {
                    handle(d);
                }
                tickIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drain();
        }
    }

    /** Decodes what is still queued (a graceful stop loses nothing already received). */
    private void drain() {
        Datagram d;
        while ((d = queue.poll()) != null) {
            handle(d);
        }
    }

    /**
     * Copies the datagram into the worker's own heap array and returns the pooled buffer at once:
     * on JDK 22+ every read of a direct NIO buffer checks its memory session, which cost a quarter
     * of a worker's time; a heap buffer's reads are plain array loads. Decoders never keep the
     * buffer they are given (held data is copied), so one array serves every datagram.
     */
    void handle(Datagram d) {
        ByteBuf content = d.content();
        int length;
        try {
            length = content.readableBytes();
            if (scratch.length < length) {
                scratch = new byte[length];
            }
            content.getBytes(content.readerIndex(), scratch, 0, length);
        } finally {
            content.release();
        }
        decode(d, ByteBuffer.wrap(scratch, 0, length), length);
    }

    private void decode(Datagram d, ByteBuffer packet, int length) {
        FlowProtocol protocol = ProtocolSniffer.sniff(packet).orElse(null);
        ExporterStats stats = registry.stats(d.sender(), d.receivedMillis());
        stats.packet(protocol, length, d.receivedMillis());
        totals.packet(length);
        PacketDecoder decoder = protocol == null ? null : decoders.get(protocol);
        if (decoder == null) {
            stats.dropped(DropReason.UNSUPPORTED_VERSION);
            totals.dropped(DropReason.UNSUPPORTED_VERSION);
            return;
        }
        listener.begin(stats, d.sender(), protocol, d.receivedMillis());
        try {
            decoder.decode(d.sender(), packet, d.receivedMillis(), listener);
        } catch (RuntimeException bug) {
            failed(bug, protocol + " from " + d.sender().getHostAddress());
            listener.dropped(DropReason.DECODER_FAILED);
        } finally {
            listener.end();
        }
    }

    private void tickIfDue() {
        if (!ticks) {
            return;
        }
        long now = clock.millis();
        if (now - lastTick < TICK_MILLIS) {
            return;
        }
        lastTick = now;
        for (var e : decoders.entrySet()) {
            listener.begin(null, null, e.getKey(), now);
            try {
                e.getValue().tick(now, listener);
            } catch (RuntimeException bug) {
                failed(bug, e.getKey() + " tick");
                listener.dropped(DropReason.DECODER_FAILED);
            } finally {
                listener.end();
            }
        }
    }

    /** A decoder or sink bug: logged with its stack trace, the first ten and then one in a thousand. */
    private static void failed(RuntimeException bug, String what) {
        long n = FAILURES.incrementAndGet();
        if (n <= 10 || n % 1000 == 0) {
            log.error("decoding {} failed (failure {}); the rest of the packet is lost", what, n, bug);
        }
    }
}
