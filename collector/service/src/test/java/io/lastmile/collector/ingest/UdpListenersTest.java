package io.lastmile.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.PacketDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Real UDP over loopback to the real listeners, decoded by a test decoder, to a test sink. */
class UdpListenersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void decodesEachExportersDatagramsInOrderOnOneWorkerAndHandsTheFlowsToTheSink() {
        TestV5Decoder v5 = new TestV5Decoder();
        RecordingSink sink = new RecordingSink();
        try (Pipeline p = new Pipeline(Map.of(FlowProtocol.NETFLOW_V5, v5), sink, 2, 256, DataSize.ofMegabytes(1))) {
            for (int seq = 0; seq < 50; seq++) {
                p.send("netflow", NetflowV5Packets.packet(seq, 3));
            }

            await().atMost(WAIT).until(() -> sink.flows.size() == 150);
            var status = p.exporter();

            assertThat(v5.sequences)
                    .containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
            assertThat(v5.threads).hasSize(50).allMatch(t -> t.equals(v5.threads.getFirst()));
            assertThat(status.packets()).isEqualTo(50);
            assertThat(status.bytes()).isEqualTo(50L * (24 + 3 * 48));
            assertThat(status.flows()).isEqualTo(150);
            assertThat(status.protocols()).containsExactly(FlowProtocol.NETFLOW_V5);
            assertThat(p.totals.flows()).isEqualTo(150);
            assertThat(p.newcomers).containsExactly(Pipeline.LOOPBACK);
            FlowRecord third = sink.flows.get(2);
            assertThat(third.exporter).isEqualTo(Pipeline.LOOPBACK);
            assertThat(third.src().getHostAddress()).isEqualTo("10.0.0.3");
            assertThat(third.dst().getHostAddress()).isEqualTo("192.0.2.1");
            assertThat(third.bytes).isEqualTo(300);
            assertThat(third.srcPort).isEqualTo(1002);
            assertThat(third.protocol).isEqualTo(6);
        }
    }

    @Test
    void countsADatagramOfNoProtocolItDecodesAsUnsupportedVersion() {
        RecordingSink sink = new RecordingSink();
        try (Pipeline p = new Pipeline(Map.of(FlowProtocol.NETFLOW_V5, new TestV5Decoder()), sink, 1, 16, null)) {
            p.send("netflow", new byte[] {0, 7, 0, 1, 0, 0, 0, 0});
            // an IPFIX header: a protocol we sniff, but no decoder for it was given
            p.send(
                    "ipfix",
                    ByteBuffer.allocate(16)
                            .putShort((short) 10)
                            .putShort((short) 16)
                            .array());
            p.send("netflow", new byte[] {1, 2});

            await().atMost(WAIT).until(() -> p.packets() == 3);

            assertThat(p.exporter().drops(DropReason.UNSUPPORTED_VERSION)).isEqualTo(3);
            assertThat(p.exporter().protocols()).containsExactly(FlowProtocol.IPFIX);
            assertThat(p.totals.drops(DropReason.UNSUPPORTED_VERSION)).isEqualTo(3);
            assertThat(sink.flows).isEmpty();
        }
    }

    @Test
    void waitsForASlowWorkerSoThatABurstWaitsInTheSocketBufferInsteadOfBeingDropped() {
        SlowDecoder slow = new SlowDecoder();
        RecordingSink sink = new RecordingSink();
        try (Pipeline p = new Pipeline(
                Map.of(FlowProtocol.NETFLOW_V5, slow), sink, 1, 2, Duration.ofSeconds(5), DataSize.ofMegabytes(1), 1)) {
            for (int seq = 0; seq < 200; seq++) {
                p.send("netflow", NetflowV5Packets.packet(seq, 1));
            }

            await().atMost(WAIT).until(() -> sink.flows.size() == 200);

            assertThat(slow.v5.sequences)
                    .containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
            assertThat(p.totals.drops(DropReason.QUEUE_FULL)).isZero();
            assertThat(p.exporter().packets()).isEqualTo(200);
        }
    }

    @Test
    void dropsAndCountsQueueFullWithoutWaitingAgainOnceAWorkerIsStuck() throws Exception {
        BlockingDecoder blocking = new BlockingDecoder();
        RecordingSink sink = new RecordingSink();
        // waiting 2 s for each of the 7 datagrams that find the queue full would take longer than WAIT
        try (Pipeline p =
                new Pipeline(Map.of(FlowProtocol.NETFLOW_V5, blocking), sink, 1, 2, Duration.ofSeconds(2), null, 1)) {
            p.send("netflow", NetflowV5Packets.packet(0, 1));
            assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).isTrue();
            for (int seq = 1; seq < 10; seq++) {
                p.send("netflow", NetflowV5Packets.packet(seq, 1));
            }

            await().atMost(WAIT).until(() -> p.drops(DropReason.QUEUE_FULL) == 7);
            blocking.release.countDown();
            await().atMost(WAIT).until(() -> sink.flows.size() == 3);

            assertThat(p.exporter().packets()).isEqualTo(3);
            assertThat(p.totals.drops(DropReason.QUEUE_FULL)).isEqualTo(7);
        }
    }

    @Test
    void keepsTheWorkerGoingWhenADecoderThrows() {
        RecordingSink sink = new RecordingSink();
        TestV5Decoder v5 = new TestV5Decoder();
        PacketDecoder buggy = (exporter, packet, at, out) -> {
            throw new IllegalStateException("a decoder bug");
        };
        try (Pipeline p =
                new Pipeline(Map.of(FlowProtocol.NETFLOW_V5, v5, FlowProtocol.NETFLOW_V9, buggy), sink, 1, 16, null)) {
            p.send("netflow", ByteBuffer.allocate(20).putShort((short) 9).array());
            p.send("netflow", NetflowV5Packets.packet(1, 2));

            await().atMost(WAIT).until(() -> sink.flows.size() == 2);

            assertThat(p.exporter().drops(DropReason.DECODER_FAILED)).isEqualTo(1);
            assertThat(p.exporter().protocols())
                    .containsExactlyInAnyOrder(FlowProtocol.NETFLOW_V5, FlowProtocol.NETFLOW_V9);
        }
    }

    @Test
    void ticksTheDecodersAboutOnceASecond() {
        TestV5Decoder v5 = new TestV5Decoder();
        try (Pipeline p = new Pipeline(Map.of(FlowProtocol.NETFLOW_V5, v5), new RecordingSink(), 2, 16, null)) {
            await().atMost(WAIT).until(() -> v5.ticks.size() >= 2);

            assertThat(v5.ticks.get(1) - v5.ticks.get(0)).isBetween(900L, 5000L);
        }
    }

    @Test
    void readsBackTheReceiveBufferTheKernelGranted() throws IOException {
        // (Files.readString sees a /proc file as empty or cut on some kernels; readAllLines reads it whole)
        long rmemMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max"))
                .getFirst()
                .trim());
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(UdpListeners.class);
        for (DataSize asked : List.of(DataSize.ofKilobytes(256), DataSize.ofMegabytes(64))) {
            var warnings = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
            warnings.start();
            logger.addAppender(warnings);
            try (Pipeline p = new Pipeline(Map.of(), new RecordingSink(), 1, 16, asked)) {
                List<UdpListeners.ListenerStatus> status = p.listeners.status();
                logger.detachAppender(warnings);

                assertThat(warnings.list)
                        .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                        .as("a warning per listener when the kernel grants less than asked")
                        .hasSize(asked.toBytes() > rmemMax ? 3 : 0)
                        .allMatch(e -> e.getFormattedMessage().contains("net.core.rmem_max=" + asked.toBytes()));

                // Linux grants min(asked, rmem_max) and reports twice that (its bookkeeping)
                long expected = 2 * Math.min(asked.toBytes(), rmemMax);
                assertThat(status).hasSize(3).allSatisfy(s -> {
                    assertThat(s.requestedReceiveBuffer()).isEqualTo(asked.toBytes());
                    assertThat(s.grantedReceiveBuffer()).isEqualTo(expected);
                    assertThat(s.port()).isPositive();
                    assertThat(s.kernelDrops()).isZero();
                });
            }
        }
    }

    @Test
    void bindsNativeEpollWhereItLoads() {
        try (Pipeline p = new Pipeline(Map.of(), new RecordingSink(), 1, 16, null)) {
            assertThat(p.listeners.status())
                    .extracting(UdpListeners.ListenerStatus::transport)
                    .containsOnly(UdpListeners.nativeEpoll() ? "epoll" : "nio");
            assertThat(UdpListeners.nativeEpoll())
                    .as("epoll loads on this Linux x86_64 machine")
                    .isTrue();
        }
    }

    @Test
    void bindsOneSocketPerReceivingThreadWithReusePortAndReceivesOnAll() throws Exception {
        TestV5Decoder v5 = new TestV5Decoder();
        RecordingSink sink = new RecordingSink();
        try (Pipeline p = new Pipeline(Map.of(FlowProtocol.NETFLOW_V5, v5), sink, 2, 256, null, 2)) {
            int port = p.listeners.port("netflow");
            List<java.net.DatagramSocket> routers = new java.util.ArrayList<>();
            for (int r = 0; r < 8; r++) {
                routers.add(new java.net.DatagramSocket(new java.net.InetSocketAddress(Pipeline.LOOPBACK, 0)));
            }
            try {
                for (int seq = 0; seq < 10; seq++) {
                    for (java.net.DatagramSocket router : routers) {
                        byte[] packet = NetflowV5Packets.packet(seq, 1);
                        router.send(new java.net.DatagramPacket(packet, packet.length, Pipeline.LOOPBACK, port));
                    }
                }
                await().atMost(WAIT).until(() -> sink.flows.size() == 80);
            } finally {
                routers.forEach(java.net.DatagramSocket::close);
            }

            assertThat(p.listeners.status())
                    .allSatisfy(s -> assertThat(s.sockets()).isEqualTo(UdpListeners.nativeEpoll() ? 2 : 1));
            assertThat(p.packets()).isEqualTo(80);
        }
    }

    @Test
    void countsWhatTheKernelDroppedWhileTheReceivingThreadWasStalled() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (Pipeline p = new Pipeline(
                Map.of(FlowProtocol.NETFLOW_V5, new TestV5Decoder()), sink, 1, 4096, DataSize.ofKilobytes(64))) {
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            p.listeners.channels("netflow").getFirst().eventLoop().execute(() -> {
                stalled.countDown();
                try {
                    resume.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
            for (int seq = 0; seq < 1000; seq++) {
                p.send("netflow", NetflowV5Packets.packet(seq, 20));
            }
            long dropped = p.listeners.status().getFirst().kernelDrops();
            resume.countDown();

            await().atMost(WAIT).until(() -> p.packets() == 1000 - dropped);
            // a 64 KiB buffer holds a few dozen of these 984-byte datagrams: the kernel dropped the rest
            assertThat(dropped).isBetween(500L, 999L);
            assertThat(sink.flows).hasSize((int) (1000 - dropped) * 20);
            assertThat(p.listeners.status())
                    .filteredOn(s -> !s.name().equals("netflow"))
                    .allMatch(s -> s.kernelDrops() == 0);
        }
    }

    /** Blocks in its first decode until released. */
    /** Takes a millisecond per datagram: much slower than a sender on loopback. */
    private static final class SlowDecoder implements PacketDecoder {
        private final TestV5Decoder v5 = new TestV5Decoder();

        @Override
        public void decode(InetAddress exporter, ByteBuffer packet, long receivedMillis, DecodeListener out) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            v5.decode(exporter, packet, receivedMillis, out);
        }
    }

    private static final class BlockingDecoder implements PacketDecoder {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final TestV5Decoder v5 = new TestV5Decoder();

        @Override
        public void decode(InetAddress exporter, ByteBuffer packet, long receivedMillis, DecodeListener out) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            v5.decode(exporter, packet, receivedMillis, out);
        }
    }
}
