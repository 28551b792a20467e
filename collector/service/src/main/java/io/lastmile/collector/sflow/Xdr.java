package io.lastmile.collector.sflow;

import java.nio.ByteBuffer;

/** Big-endian reads at absolute offsets; callers check bounds first. */
final class Xdr {

    static final int IPV4 = 1;
    static final int IPV6 = 2;

    private Xdr() {}

    static long u32(ByteBuffer b, int offset) {
        return Integer.toUnsignedLong(b.getInt(offset));
    }

    /**
     * The length of an sFlow address's value from its type (0 unknown, 1 IPv4, 2 IPv6), or -1 for
     * a type the specification does not define (then the rest of the structure cannot be found).
     */
    static int addressLength(long type) {
        if (type == 0) {
            return 0;
        }
        if (type == IPV4) {
            return 4;
        }
        return type == IPV6 ? 16 : -1;
    }

    /** A count of items of at least {@code itemSize} bytes each that fits between from and end. */
    static boolean countFits(long count, int itemSize, int from, int end) {
        return count <= (long) (end - from) / itemSize;
    }
}
