package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.InterfaceCounters;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Generic interface counters (counter record 0:1, 88 bytes): the RFC 2233 ifTable and ifXTable
 * counters of one interface.
 */
final class GenericInterfaceCounters {

    static final int SIZE = 88;

    private GenericInterfaceCounters() {}

    /** Reads the record at p; the caller checked that {@link #SIZE} bytes are there. */
    static InterfaceCounters read(ByteBuffer b, int p, InetAddress agent, long sourceId) {
        return new InterfaceCounters(
                agent,
                sourceId,
                Xdr.u32(b, p),
                Xdr.u32(b, p + 4),
                b.getLong(p + 8),
                b.getInt(p + 16),
                b.getInt(p + 20),
                b.getLong(p + 24),
                Xdr.u32(b, p + 32),
                Xdr.u32(b, p + 36),
                Xdr.u32(b, p + 40),
                Xdr.u32(b, p + 44),
                Xdr.u32(b, p + 48),
                Xdr.u32(b, p + 52),
                b.getLong(p + 56),
                Xdr.u32(b, p + 64),
                Xdr.u32(b, p + 68),
                Xdr.u32(b, p + 72),
                Xdr.u32(b, p + 76),
                Xdr.u32(b, p + 80),
                Xdr.u32(b, p + 84));
    }
}
