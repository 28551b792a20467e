package io.lastmile.collector.netflow.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.netflow.NetflowProperties;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Drives a decoder with fuzzer input: the input is a series of datagrams, each prefixed by a 16-bit
 * length (the last one takes what is left), sent from two exporters with the clock moving 3 s a
 * datagram and a tick every fourth. Small bounds, so that the fuzzer reaches them.
 */
public final class FuzzInput {
    public static final NetflowProperties SMALL =
            new NetflowProperties(Duration.ofSeconds(20), Duration.ofSeconds(5), 2048, 3000, 8, 16, 4, null);
    private static final InetAddress[] EXPORTERS = {Wire.address("192.0.2.1"), Wire.address("2001:db8::1")};

    private FuzzInput() {}

    /** What each datagram must satisfy after it was decoded. */
    public interface Check {
        void after(byte[] datagram, Checked out);
    }

    /** A listener that checks each flow as it comes and counts what it saw. */
    public static final class Checked implements DecodeListener {
        public int flows;
        public int drops;
        public ToLongFunction<FlowRecord> expectedDomain = f -> f.observationDomain;

        @Override
        public void flow(FlowRecord f) {
            flows++;
            assertThat(f.ipVersion).isIn(0, 4, 6);
            assertThat(f.nextHopVersion).isIn(0, 4, 6);
            assertThat(f.samplingRate).isPositive();
            assertThat(f.exporter).isNotNull();
            assertThat(f.protocolVersion).isNotNull();
            assertThat(f.observationDomain).isEqualTo(expectedDomain.applyAsLong(f));
        }

        @Override
        public void dropped(DropReason reason) {
            assertThat(reason).isNotNull();
            drops++;
        }
    }

    /** Runs the datagrams through the decoder; any exception fails the fuzz test. */
    public static void run(byte[] input, PacketDecoder decoder, ToLongFunction<byte[]> domainOf, Check check) {
        long now = 1_700_000_000_000L;
        int pos = 0;
        for (int i = 0; pos < input.length; i++) {
            int length = input.length - pos;
            if (length >= 2) {
                int prefixed = ((input[pos] & 0xFF) << 8) | (input[pos + 1] & 0xFF);
                pos += 2;
                length = Math.min(prefixed, input.length - pos);
            }
            byte[] datagram = Arrays.copyOfRange(input, pos, pos + length);
            pos += length;
            Checked out = new Checked();
            long domain = domainOf.applyAsLong(datagram);
            out.expectedDomain = f -> domain;
            ByteBuffer buffer = ByteBuffer.wrap(datagram);
            decoder.decode(EXPORTERS[i % 3 == 2 ? 1 : 0], buffer, now, out);
            check.after(datagram, out);
            now += 3000;
            if (i % 4 == 3) {
                decoder.tick(now, out);
            }
        }
        decoder.tick(now + Duration.ofDays(1).toMillis(), new Checked());
    }

    /** The 32-bit unsigned number at this offset, -1 when the datagram is shorter. */
    public static long u32(byte[] b, int offset) {
        if (b.length < offset + 4) {
            return -1;
        }
        return ByteBuffer.wrap(b, offset, 4).getInt() & 0xFFFFFFFFL;
    }
}
