package io.lastmile.collector.ingest;

import java.nio.ByteBuffer;

/**
 * NetFlow v5 export packets built byte by byte from Cisco's layout: a 24-byte header (version,
 * count, sys_uptime, unix_secs, unix_nsecs, flow_sequence, engine type and id, sampling interval)
 * and 48-byte records (srcaddr, dstaddr, nexthop, input, output, dPkts, dOctets, first, last,
 * srcport, dstport, pad, tcp_flags, prot, tos, src_as, dst_as, src_mask, dst_mask, pad).
 */
final class NetflowV5Packets {

    static final int HEADER = 24;
    static final int RECORD = 48;

    private NetflowV5Packets() {}

    /** A packet of {@code count} TCP flows from 10.0.0.{i+1}:{1000+i} to 192.0.2.1:80, of 100*(i+1) bytes. */
    static byte[] packet(int sequence, int count) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + RECORD * count);
        b.putShort((short) 5).putShort((short) count);
        b.putInt(123_456).putInt(1_765_000_000).putInt(0);
        b.putInt(sequence);
        b.put((byte) 0).put((byte) 0).putShort((short) 0);
        for (int i = 0; i < count; i++) {
            b.put(new byte[] {10, 0, 0, (byte) (i + 1)});
            b.put(new byte[] {(byte) 192, 0, 2, 1});
            b.put(new byte[] {10, 0, 0, (byte) 254});
            b.putShort((short) 1).putShort((short) 2);
            b.putInt(i + 1).putInt(100 * (i + 1));
            b.putInt(120_000).putInt(123_000);
            b.putShort((short) (1000 + i)).putShort((short) 80);
            b.put((byte) 0).put((byte) 0x18).put((byte) 6).put((byte) 0);
            b.putShort((short) 64500).putShort((short) 64501);
            b.put((byte) 24).put((byte) 24).putShort((short) 0);
        }
        return b.array();
    }
}
