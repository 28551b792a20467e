package io.lastmile.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.PacketDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Netty's leak detector at paranoid (every buffer tracked) over every path a datagram takes:
 * decoded, of no known protocol, thrown on by a decoder, dropped on a full queue, still queued at
 * stop. No leak is reported; and a buffer leaked on purpose is, so the check can see one.
 */
class BufferLeakTest {

    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();
    private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private ResourceLeakDetector.Level level;

    @BeforeEach
    void paranoid() {
        level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        leaks.start();
        detectorLog.addAppender(leaks);
    }

    @AfterEach
    void restore() {
        detectorLog.detachAppender(leaks);
        ResourceLeakDetector.setLevel(level);
    }

    @Test
    void releasesEveryBufferExactlyOnceOnEveryPath() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        TestV5Decoder v5 = new TestV5Decoder();
        PacketDecoder blockingV9 = (exporter, packet, at, out) -> {
            entered.countDown();
            awaitLatch(release);
        };
        PacketDecoder buggyIpfix = (exporter, packet, at, out) -> {
            throw new IllegalArgumentException("a decoder bug");
        };
        RecordingSink sink = new RecordingSink();
        Map<FlowProtocol, PacketDecoder> decoders = Map.of(
                FlowProtocol.NETFLOW_V5, v5, FlowProtocol.NETFLOW_V9, blockingV9, FlowProtocol.IPFIX, buggyIpfix);
        Pipeline p = new Pipeline(decoders, sink, 1, 4, null);
        try {
            for (int round = 0; round < 20; round++) {
                p.send("netflow", NetflowV5Packets.packet(round, 2));
                p.send("sflow", new byte[] {0, 0, 0, 9, 1});
                p.send("ipfix", ByteBuffer.allocate(16).putShort((short) 10).array());
                long sent = 3L * (round + 1);
                // one round at a time: the queue of 4 is kept small for the full-queue path below
                await().atMost(Duration.ofSeconds(10)).until(() -> p.packets() == sent);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.flows.size() == 40);
            p.send("netflow", ByteBuffer.allocate(20).putShort((short) 9).array());
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                p.send("netflow", NetflowV5Packets.packet(100 + i, 1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> p.drops(DropReason.QUEUE_FULL) == 16);
        } finally {
            release.countDown();
            p.close();
        }
        assertThat(p.exporter().drops(DropReason.DECODER_FAILED)).isEqualTo(20);
        assertThat(p.exporter().drops(DropReason.UNSUPPORTED_VERSION)).isEqualTo(20);
        assertThat(sink.flows).as("what was queued at stop was decoded").hasSize(44);

        assertThat(leaksReportedAfterCollection(Duration.ofSeconds(3))).isEmpty();

        leakOneBuffer();
        assertThat(leaksReportedAfterCollection(Duration.ofSeconds(20)))
                .as("the detector reports a buffer leaked on purpose")
                .isNotEmpty();
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }

    /** Collects garbage and allocates (the detector reports on allocation) until a leak shows or time is up. */
    private List<String> leaksReportedAfterCollection(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            System.gc();
            for (int i = 0; i < 100; i++) {
                ByteBufAllocator.DEFAULT.directBuffer(64).release();
                ByteBufAllocator.DEFAULT.heapBuffer(64).release();
            }
            List<String> found = leaks.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("LEAK"))
                    .toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return List.of();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
