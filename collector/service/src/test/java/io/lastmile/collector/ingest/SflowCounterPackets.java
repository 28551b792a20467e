package io.lastmile.collector.ingest;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.InterfaceCounters;
import io.lastmile.collector.flow.PacketDecoder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * sFlow v5 datagrams of counter samples, built byte by byte from the sFlow v5 specification
 * (sflow_version_5.txt): version 5, agent address (type 1, IPv4), sub-agent id, sequence, uptime,
 * the samples; each a counters_sample (format 0:2) holding one generic interface counters record
 * (format 0:1, 88 bytes). And a small decoder of just that, for the pipeline's tests.
 */
final class SflowCounterPackets {

    private SflowCounterPackets() {}

    /** One counters sample per ifIndex, with inOctets = 1000 * ifIndex and outOctets = 2000 * ifIndex. */
    static byte[] datagram(byte[] agent, int... ifIndexes) {
        int sample = 4 + 4 + 4 + 4 + 4 + 88;
        ByteBuffer b = ByteBuffer.allocate(28 + ifIndexes.length * (8 + sample));
        b.putInt(5).putInt(1).put(agent).putInt(0).putInt(77).putInt(3_600_000);
        b.putInt(ifIndexes.length);
        for (int ifIndex : ifIndexes) {
            b.putInt(2).putInt(sample);
            b.putInt(11).putInt(ifIndex).putInt(1);
            b.putInt(1).putInt(88);
            b.putInt(ifIndex).putInt(6).putLong(1_000_000_000L).putInt(1).putInt(3);
            b.putLong(1000L * ifIndex)
                    .putInt(10)
                    .putInt(1)
                    .putInt(2)
                    .putInt(0)
                    .putInt(0)
                    .putInt(0);
            b.putLong(2000L * ifIndex)
                    .putInt(20)
                    .putInt(3)
                    .putInt(4)
                    .putInt(0)
                    .putInt(0)
                    .putInt(0);
        }
        return b.array();
    }

    /** Reads the generic counters of such datagrams and reports them. */
    static final class Decoder implements PacketDecoder {
        @Override
        public void decode(InetAddress exporter, ByteBuffer p, long receivedMillis, DecodeListener out) {
            if (p.remaining() < 28 || p.getInt(p.position() + 4) != 1) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            int at = p.position();
            InetAddress agent = ipv4(p, at + 8);
            int samples = p.getInt(at + 24);
            int s = at + 28;
            for (int i = 0; i < samples; i++) {
                if (p.limit() - s < 8 + 20 + 88) {
                    out.dropped(DropReason.TRUNCATED);
                    return;
                }
                int r = s + 8 + 20;
                out.counters(new InterfaceCounters(
                        agent,
                        p.getInt(s + 12),
                        p.getInt(r),
                        p.getInt(r + 4),
                        p.getLong(r + 8),
                        p.getInt(r + 16),
                        p.getInt(r + 20),
                        p.getLong(r + 24),
                        p.getInt(r + 32),
                        p.getInt(r + 36),
                        p.getInt(r + 40),
                        p.getInt(r + 44),
                        p.getInt(r + 48),
                        p.getInt(r + 52),
                        p.getLong(r + 56),
                        p.getInt(r + 64),
                        p.getInt(r + 68),
                        p.getInt(r + 72),
                        p.getInt(r + 76),
                        p.getInt(r + 80),
                        p.getInt(r + 84)));
                s += 8 + p.getInt(s + 4);
            }
        }

        private static InetAddress ipv4(ByteBuffer p, int at) {
            byte[] a = new byte[4];
            p.get(at, a);
            try {
                return InetAddress.getByAddress(a);
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
