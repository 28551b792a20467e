package io.lastmile.bench.decode;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.ipfix.IpfixDecoder;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.v5.NetflowV5Decoder;
import io.lastmile.collector.netflow.v9.NetflowV9Decoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Decode only: one datagram per invocation, throughput reported per record (JMH's operations are
 * records, through {@link OperationsPerInvocation}), on one thread, so the score is records per
 * second on one thread. The listener only sums counters, as a sink that keeps nothing.
 *
 * <p>On a shared machine the wall-clock score counts time the thread waited for a core, so each
 * benchmark also prints the records it decoded per second of its thread's CPU time during the
 * measurement iterations (a line {@code cpu-rate <benchmark> <records per CPU-second>}): that is
 * the per-core figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {
    private final InetAddress exporter = InetAddress.getLoopbackAddress();
    private NetflowV5Decoder v5;
    private NetflowV9Decoder v9;
    private IpfixDecoder ipfix;
    private ByteBuffer v5Packet;
    private ByteBuffer v9Packet;
    private ByteBuffer ipfixPacket;
    private final Sink sink = new Sink();
    private final long now = System.currentTimeMillis();

    /** Sums what it is given; counts drops (there must be none). */
    static final class Sink implements DecodeListener {
        long bytes;
        long flows;
        long drops;

        @Override
        public void flow(FlowRecord flow) {
            bytes += flow.bytes;
            flows++;
        }

        @Override
        public void dropped(DropReason reason) {
            drops++;
        }
    }

    @Setup
    public void setUp() {
        NetflowProperties properties = NetflowProperties.defaults();
        v5 = new NetflowV5Decoder(properties);
        v9 = new NetflowV9Decoder(properties);
        ipfix = new IpfixDecoder(properties);
        v9.decode(exporter, Packets.v9Template(), now, sink);
        ipfix.decode(exporter, Packets.ipfixTemplate(), now, sink);
        v5Packet = Packets.v5();
        v9Packet = Packets.v9Data();
        ipfixPacket = Packets.ipfixData();
        check(v5Packet, v5, Packets.V5_RECORDS);
        check(v9Packet, v9, Packets.V9_RECORDS);
        check(ipfixPacket, ipfix, Packets.IPFIX_RECORDS);
    }

    private void check(ByteBuffer packet, PacketDecoder decoder, int records) {
        long before = sink.flows;
        decoder.decode(exporter, packet.duplicate(), now, sink);
        if (sink.flows - before != records || sink.drops != 0) {
            throw new IllegalStateException("the benchmark's packet did not decode to " + records + " records");
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long measuredFlows;
    private long iterationCpu;
    private long iterationFlows;

    @Setup(Level.Iteration)
    public void iterationStart() {
        iterationCpu = threads.getCurrentThreadCpuTime();
        iterationFlows = sink.flows;
    }

    @TearDown(Level.Iteration)
    public void iterationEnd(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT) {
            cpuNanos += threads.getCurrentThreadCpuTime() - iterationCpu;
            measuredFlows += sink.flows - iterationFlows;
        }
    }

    @TearDown
    public void report(BenchmarkParams benchmark) {
        if (cpuNanos > 0) {
            String name = benchmark.getBenchmark().substring(benchmark.getBenchmark().lastIndexOf('.') + 1);
            System.out.printf("cpu-rate %s %.0f%n", name, measuredFlows * 1e9 / cpuNanos);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Packets.V5_RECORDS)
    public void v5(Blackhole bh) {
        v5.decode(exporter, v5Packet.position(0), now, sink);
        bh.consume(sink.bytes);
    }

    @Benchmark
    @OperationsPerInvocation(Packets.V9_RECORDS)
    public void v9(Blackhole bh) {
        v9.decode(exporter, v9Packet.position(0), now, sink);
        bh.consume(sink.bytes);
    }

    @Benchmark
    @OperationsPerInvocation(Packets.IPFIX_RECORDS)
    public void ipfix(Blackhole bh) {
        ipfix.decode(exporter, ipfixPacket.position(0), now, sink);
        bh.consume(sink.bytes);
    }
}
