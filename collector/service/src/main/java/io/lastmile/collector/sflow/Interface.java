package io.lastmile.collector.sflow;

/**
 * A flow sample's input or output interface. The compact form keeps a format in the top 2 bits of
 * 32 (0 one ifIndex, 1 packet discarded with a reason code, 2 several output interfaces with their
 * number); the expanded form sends format and value as two words. Only format 0 names an
 * interface; the others, and 0x3FFFFFFF (traffic from or to the device itself), give 0.
 */
final class Interface {

    static final long INTERNAL = 0x3FFFFFFFL;
    static final long SINGLE = 0;

    private Interface() {}

    static long compact(long value) {
        long format = value >>> 30;
        long index = value & INTERNAL;
        return format == SINGLE && index != INTERNAL ? index : 0;
    }

    static long expanded(long format, long value) {
        return format == SINGLE && value != INTERNAL ? value : 0;
    }
}
