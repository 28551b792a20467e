package io.lastmile.bench.decode;

import java.nio.ByteBuffer;

/**
 * The datagrams the benchmarks decode, laid out as exporters send them: a full v5 packet of 30
 * records, and v9 and IPFIX data sets of a typical IPv4 flow template filling a 1,400-byte datagram.
 */
final class Packets {
    static final int V5_RECORDS = 30;
    static final int V9_RECORDS = 30;
    static final int IPFIX_RECORDS = 19;

    /** The v9 template (RFC 3954 field types, lengths): what softflowd and many routers send. */
    static final int[] V9_FIELDS = {
        8, 4, 12, 4, 15, 4, 10, 2, 14, 2, 2, 4, 1, 4, 22, 4, 21, 4, 7, 2, 11, 2, 6, 1, 4, 1, 5, 1, 16, 2, 17, 2,
        9, 1, 13, 1
    };
    /** The IPFIX template: 8-byte delta counters, absolute millisecond times, 4-byte interfaces and AS. */
    static final int[] IPFIX_FIELDS = {
        8, 4, 12, 4, 15, 4, 10, 4, 14, 4, 2, 8, 1, 8, 152, 8, 153, 8, 7, 2, 11, 2, 6, 1, 4, 1, 5, 1, 16, 4, 17, 4,
        9, 1, 13, 1, 58, 2
    };

    private Packets() {}

    static ByteBuffer v5() {
        ByteBuffer b = ByteBuffer.allocate(24 + 48 * V5_RECORDS);
        b.putShort((short) 5).putShort((short) V5_RECORDS).putInt(3_600_000).putInt(1_700_000_000).putInt(0);
        b.putInt(1).put((byte) 0).put((byte) 0).putShort((short) 0);
        for (int i = 0; i < V5_RECORDS; i++) {
            b.putInt(0x0A000000 | i).putInt(0xCB007100 | i).putInt(0xC6336401).putShort((short) 1).putShort((short) 2);
            b.putInt(10 + i).putInt(1500 * (10 + i)).putInt(3_500_000).putInt(3_599_000);
            b.putShort((short) (40000 + i)).putShort((short) 443).put((byte) 0).put((byte) 0x1B).put((byte) 6);
            b.put((byte) 0).putShort((short) 64500).putShort((short) 64501).put((byte) 24).put((byte) 16).putShort((short) 0);
        }
        return b.flip();
    }

    static ByteBuffer v9Template() {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + V9_FIELDS.length * 2);
        b.putShort((short) 9).putShort((short) 1).putInt(7_200_000).putInt(1_700_000_000).putInt(1).putInt(1);
        b.putShort((short) 0).putShort((short) (8 + V9_FIELDS.length * 2)).putShort((short) 256);
        b.putShort((short) (V9_FIELDS.length / 2));
        for (int v : V9_FIELDS) {
            b.putShort((short) v);
        }
        return b.flip();
    }

    static ByteBuffer v9Data() {
        int length = recordLength(V9_FIELDS);
        ByteBuffer b = ByteBuffer.allocate(20 + 4 + length * V9_RECORDS);
        b.putShort((short) 9).putShort((short) V9_RECORDS).putInt(7_200_000).putInt(1_700_000_000).putInt(2);
        b.putInt(1).putShort((short) 256).putShort((short) (4 + length * V9_RECORDS));
        for (int i = 0; i < V9_RECORDS; i++) {
            b.putInt(0x0A000000 | i).putInt(0xCB007100 | i).putInt(0xC6336401).putShort((short) 1).putShort((short) 2);
            b.putInt(10 + i).putInt(1500 * (10 + i)).putInt(7_100_000).putInt(7_199_000);
            b.putShort((short) (40000 + i)).putShort((short) 443).put((byte) 0x1B).put((byte) 6).put((byte) 0);
            b.putShort((short) 64500).putShort((short) 64501).put((byte) 24).put((byte) 16);
        }
        return b.flip();
    }

    static ByteBuffer ipfixTemplate() {
        ByteBuffer b = ByteBuffer.allocate(16 + 8 + IPFIX_FIELDS.length * 2);
        b.putShort((short) 10).putShort((short) b.capacity()).putInt(1_700_000_000).putInt(1).putInt(1);
        b.putShort((short) 2).putShort((short) (8 + IPFIX_FIELDS.length * 2)).putShort((short) 256);
        b.putShort((short) (IPFIX_FIELDS.length / 2));
        for (int v : IPFIX_FIELDS) {
            b.putShort((short) v);
        }
        return b.flip();
    }

    static ByteBuffer ipfixData() {
        int length = recordLength(IPFIX_FIELDS);
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + length * IPFIX_RECORDS);
        b.putShort((short) 10).putShort((short) b.capacity()).putInt(1_700_000_000).putInt(2).putInt(1);
        b.putShort((short) 256).putShort((short) (4 + length * IPFIX_RECORDS));
        for (int i = 0; i < IPFIX_RECORDS; i++) {
            b.putInt(0x0A000000 | i).putInt(0xCB007100 | i).putInt(0xC6336401).putInt(1).putInt(2);
            b.putLong(10 + i).putLong(1500 * (10 + i)).putLong(1_699_999_990_000L).putLong(1_699_999_999_000L);
            b.putShort((short) (40000 + i)).putShort((short) 443).put((byte) 0x1B).put((byte) 6).put((byte) 0);
            b.putInt(64500).putInt(64501).put((byte) 24).put((byte) 16).putShort((short) 100);
        }
        return b.flip();
    }

    private static int recordLength(int[] fields) {
        int n = 0;
        for (int i = 1; i < fields.length; i += 2) {
            n += fields[i];
        }
        return n;
    }
}
